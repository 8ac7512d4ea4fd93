package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaArith;

/** Raw equality (rawequal, and == without metamethods): numbers by value across subtypes. */
public final class LuaEquality {
    private LuaEquality() {
    }

    public static boolean rawEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return b instanceof Double d && LuaArith.eq(x, d);
        }
        if (a instanceof Double x) {
            if (b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            }
            return b instanceof Long l && LuaArith.eq(l, x);
        }
        if (a instanceof TruffleString s) {
            return b instanceof TruffleString && s.equals(b);
        }
        if (a instanceof Boolean) {
            return a.equals(b);
        }
        return false;
    }
}
