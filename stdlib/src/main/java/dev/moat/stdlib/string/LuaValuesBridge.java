package dev.moat.stdlib.string;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatStrings;

/** Raw display of nil/booleans for %q. */
final class LuaValuesBridge {
    private LuaValuesBridge() {
    }

    static TruffleString display(Object v) {
        return MoatStrings.fromJava(LuaValues.toDisplay(v));
    }
}
