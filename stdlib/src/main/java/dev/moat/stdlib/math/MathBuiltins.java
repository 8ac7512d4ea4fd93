package dev.moat.stdlib.math;

import com.oracle.truffle.api.dsl.Specialization;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;

/** The math library's functions, with integer/float subtypes preserved as Lua 5.4 does. */
public final class MathBuiltins {
    private MathBuiltins() {
    }

    static Object floorOrCeil(double d, boolean floor) {
        double r = floor ? Math.floor(d) : Math.ceil(d);
        Long exact = LuaArith.toIntegerExact(r);
        return exact != null ? (Object) exact : (Object) r;
    }

    @MoatBuiltin(name = "floor")
    public abstract static class FloorNode extends BuiltinNode {
        @Specialization
        protected long doLong(long v) {
            return v;
        }

        @Specialization(replaces = "doLong")
        protected Object floor(Object v) {
            Object n = checkNumberValue(v, 1);
            return n instanceof Long ? n : floorOrCeil((Double) n, true);
        }
    }

    @MoatBuiltin(name = "ceil")
    public abstract static class CeilNode extends BuiltinNode {
        @Specialization
        protected Object ceil(Object v) {
            Object n = checkNumberValue(v, 1);
            return n instanceof Long ? n : floorOrCeil((Double) n, false);
        }
    }

    @MoatBuiltin(name = "abs")
    public abstract static class AbsNode extends BuiltinNode {
        @Specialization
        protected Object abs(Object v) {
            Object n = checkNumberValue(v, 1);
            return n instanceof Long l ? (Object) (l < 0 ? -l : l) : (Object) Math.abs((Double) n);
        }
    }

    @MoatBuiltin(name = "sqrt")
    public abstract static class SqrtNode extends BuiltinNode {
        @Specialization
        protected double sqrt(Object v) {
            return Math.sqrt(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "sin")
    public abstract static class SinNode extends BuiltinNode {
        @Specialization
        protected double sin(Object v) {
            return Math.sin(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "cos")
    public abstract static class CosNode extends BuiltinNode {
        @Specialization
        protected double cos(Object v) {
            return Math.cos(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "tan")
    public abstract static class TanNode extends BuiltinNode {
        @Specialization
        protected double tan(Object v) {
            return Math.tan(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "asin")
    public abstract static class AsinNode extends BuiltinNode {
        @Specialization
        protected double asin(Object v) {
            return Math.asin(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "acos")
    public abstract static class AcosNode extends BuiltinNode {
        @Specialization
        protected double acos(Object v) {
            return Math.acos(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "atan")
    public abstract static class AtanNode extends BuiltinNode {
        @Specialization
        protected double atan(Object y, Object x) {
            return Math.atan2(checkNumber(y, 1), x == MoatNil.NIL ? 1.0 : checkNumber(x, 2));
        }
    }

    @MoatBuiltin(name = "exp")
    public abstract static class ExpNode extends BuiltinNode {
        @Specialization
        protected double exp(Object v) {
            return Math.exp(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "log")
    public abstract static class LogNode extends BuiltinNode {
        @Specialization
        protected double log(Object v, Object base) {
            double x = checkNumber(v, 1);
            if (base == MoatNil.NIL) {
                return Math.log(x);
            }
            double b = checkNumber(base, 2);
            if (b == 2.0) {
                return Math.log(x) / Math.log(2.0);
            }
            if (b == 10.0) {
                return Math.log10(x);
            }
            return Math.log(x) / Math.log(b);
        }
    }

    @MoatBuiltin(name = "fmod")
    public abstract static class FmodNode extends BuiltinNode {
        @Specialization
        protected Object fmod(Object a, Object b) {
            Object x = checkNumberValue(a, 1);
            Object y = checkNumberValue(b, 2);
            if (x instanceof Long l && y instanceof Long m) {
                if (m == 0) {
                    throw argError(2, "zero");
                }
                return m == -1 ? 0L : l % m;
            }
            double dx = x instanceof Long l ? l : (Double) x;
            double dy = y instanceof Long l ? l : (Double) y;
            return dx % dy;
        }
    }

    @MoatBuiltin(name = "tointeger")
    public abstract static class ToIntegerNode extends BuiltinNode {
        @Specialization
        protected Object tointeger(Object v) {
            if (v instanceof Long) {
                return v;
            }
            Long l = LuaArith.toInteger(v);
            return l == null ? MoatNil.NIL : l;
        }
    }

    /** Variadic so that a missing argument ("value expected") is told apart from a nil one (nil result). */
    @MoatBuiltin(name = "type", variadic = true)
    public abstract static class TypeNode extends BuiltinNode {
        @Specialization
        protected Object type(Object[] args) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            Object v = args[0];
            if (v instanceof Long) {
                return MoatStrings.fromJava("integer");
            }
            if (v instanceof Double) {
                return MoatStrings.fromJava("float");
            }
            return MoatNil.NIL;
        }
    }

    @MoatBuiltin(name = "max", variadic = true)
    public abstract static class MaxNode extends BuiltinNode {
        @Specialization
        protected Object max(Object[] args) {
            return extreme(this, args, true);
        }
    }

    @MoatBuiltin(name = "min", variadic = true)
    public abstract static class MinNode extends BuiltinNode {
        @Specialization
        protected Object min(Object[] args) {
            return extreme(this, args, false);
        }
    }

    static Object extreme(BuiltinNode node, Object[] args, boolean max) {
        if (args.length == 0) {
            throw node.argError(1, "number expected, got no value");
        }
        Object best = node.checkNumberValue(args[0], 1);
        for (int i = 1; i < args.length; i++) {
            Object v = node.checkNumberValue(args[i], i + 1);
            double a = v instanceof Long l ? l : (Double) v;
            double b = best instanceof Long l ? l : (Double) best;
            boolean better = max ? (v instanceof Long x && best instanceof Long y ? x > y : a > b)
                    : (v instanceof Long x && best instanceof Long y ? x < y : a < b);
            if (better) {
                best = v;
            }
        }
        return best;
    }

    @MoatBuiltin(name = "ult")
    public abstract static class UltNode extends BuiltinNode {
        @Specialization
        protected boolean ult(Object a, Object b) {
            return Long.compareUnsigned(checkInteger(a, 1), checkInteger(b, 2)) < 0;
        }
    }
}
