package dev.moat.stdlib.utf8;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/** The utf8 library provider. */
public final class Utf8Library implements MoatLibrary {
    @Override
    public String name() {
        return "utf8";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable lib = BuiltinTargets.installLibrary(context, "utf8", Utf8BuiltinsFactory.getFactories());
        lib.put(MoatStrings.fromJava("codes_step"), MoatNil.NIL);
        lib.put(MoatStrings.fromJava("charpattern"),
                MoatStrings.fromBytes(new byte[]{'[', 0, '-', 0x7F, (byte) 0xC2, '-', (byte) 0xFD, ']', '[', (byte) 0x80, '-', (byte) 0xBF, ']', '*'}));
    }
}
