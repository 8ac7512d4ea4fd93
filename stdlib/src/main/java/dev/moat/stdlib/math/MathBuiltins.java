package dev.moat.stdlib.math;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.ImportStatic;
import com.oracle.truffle.api.dsl.GenerateCached;
import com.oracle.truffle.api.dsl.Specialization;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.builtins.RoundsToInteger;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.expression.CompareNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;

/** The math library's functions, with integer/float subtypes preserved as Lua 5.4 does. */
public final class MathBuiltins {
    private MathBuiltins() {
    }

    /**
     * floor and ceil: an integer is returned as it is; a float whose rounding is an integer in range
     * returns a long from its own specialisation (the generic path returns a Long or a Double, and that
     * merge made compiled callers allocate a box per call); anything else (numeric strings, floats out
     * of range, NaN) goes the generic way, which keeps a float result a float. A call {@code floor(a / b)} of
     * two integers does not get here: its call site computes it ({@link RoundsToInteger}).
     */
    @GenerateCached(false)
    abstract static class RoundingNode extends BuiltinNode implements RoundsToInteger {
        /** Math.floor or Math.ceil. */
        protected abstract double round(double v);

        @Specialization
        protected long doLong(long v) {
            return v;
        }

        @Specialization(guards = "fitsInLong(round(v))")
        protected long doDouble(double v) {
            return (long) round(v);
        }

        @Specialization(replaces = "doLong")
        protected Object generic(Object v) {
            if (v instanceof Long) {
                return v;
            }
            // Anything but an integer value goes through C's floor/ceil as a float, a numeric string too
            // (math.floor("0x7fffffffffffffff") is 2^63 as a float, as in Lua).
            double r = round(checkNumber(v, 1));
            Long exact = LuaArith.toIntegerExact(r);
            return exact != null ? (Object) exact : (Object) r;
        }

        /** True if {@code d} (integral, or NaN or infinite) converts to a long exactly; NaN does not. */
        protected static boolean fitsInLong(double d) {
            return d >= -0x1p63 && d < 0x1p63;
        }
    }

    @MoatBuiltin(name = "floor")
    public abstract static class FloorNode extends RoundingNode {
        @Override
        protected final double round(double v) {
            return Math.floor(v);
        }

        @Override
        public final boolean roundsUp() {
            return false;
        }
    }

    @MoatBuiltin(name = "ceil")
    public abstract static class CeilNode extends RoundingNode {
        @Override
        protected final double round(double v) {
            return Math.ceil(v);
        }

        @Override
        public final boolean roundsUp() {
            return true;
        }
    }

    @MoatBuiltin(name = "abs")
    public abstract static class AbsNode extends BuiltinNode {
        @Specialization
        protected Object abs(Object v) {
            if (v instanceof Long l) {
                return l < 0 ? -l : l;
            }
            // Anything but an integer value (a numeric string too) goes through fabs, as in Lua.
            return Math.abs(checkNumber(v, 1));
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
            return Libm.asin(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "acos")
    public abstract static class AcosNode extends BuiltinNode {
        @Specialization
        protected double acos(Object v) {
            return Libm.acos(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "atan")
    public abstract static class AtanNode extends BuiltinNode {
        @Specialization
        protected double atan(Object y, Object x) {
            return Libm.atan2(checkNumber(y, 1), x == MoatNil.NIL ? 1.0 : checkNumber(x, 2));
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
                return Libm.log2(x);
            }
            if (b == 10.0) {
                return Libm.log10(x);
            }
            return Math.log(x) / Math.log(b);
        }
    }

    @MoatBuiltin(name = "fmod")
    public abstract static class FmodNode extends BuiltinNode {
        @Specialization
        protected Object fmod(Object a, Object b) {
            if (a instanceof Long l && b instanceof Long m) {
                if (m == 0) {
                    throw argError(2, "zero");
                }
                return m == -1 ? 0L : l % m;
            }
            // The reference lua5.4 (gcc) evaluates fmod's two luaL_checknumber calls right to left, so a
            // bad second argument is reported first. Numeric strings are floats here, as in Lua.
            double dy = checkNumber(b, 2);
            double dx = checkNumber(a, 1);
            return LuaArith.cFmod(dx, dy);
        }
    }

    @MoatBuiltin(name = "modf")
    public abstract static class ModfNode extends BuiltinNode {
        @Specialization
        protected Object modf(Object v) {
            if (v instanceof Long) {
                return new Object[]{v, 0.0};
            }
            double n = checkNumber(v, 1);
            double ip = n < 0 ? Math.ceil(n) : Math.floor(n);
            // The integral part is an integer when it fits (Lua's pushnumint); inf has no fraction.
            Long asInteger = LuaArith.toIntegerExact(ip);
            return new Object[]{asInteger != null ? (Object) asInteger : (Object) ip, n == ip ? 0.0 : n - ip};
        }
    }

    @MoatBuiltin(name = "deg")
    public abstract static class DegNode extends BuiltinNode {
        @Specialization
        protected double deg(Object v) {
            return checkNumber(v, 1) * (180.0 / Math.PI);
        }
    }

    @MoatBuiltin(name = "rad")
    public abstract static class RadNode extends BuiltinNode {
        @Specialization
        protected double rad(Object v) {
            return checkNumber(v, 1) * (Math.PI / 180.0);
        }
    }

    @MoatBuiltin(name = "tointeger")
    public abstract static class ToIntegerNode extends BuiltinNode {
        @Specialization
        protected Object tointeger(Object v) {
            if (v instanceof Long) {
                return v;
            }
            checkAny(v, 1);
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
            checkAny(v, 1);
            return MoatNil.NIL;
        }
    }

    @MoatBuiltin(name = "max", variadic = true)
    @ImportStatic(Metatables.class)
    public abstract static class MaxNode extends BuiltinNode {
        @Specialization
        protected Object max(Object[] args, @Cached("create()") InvokeNode invoke,
                             @Cached("create(LT)") MetamethodLookupNode lt) {
            return extreme(this, args, true, invoke, lt);
        }
    }

    @MoatBuiltin(name = "min", variadic = true)
    @ImportStatic(Metatables.class)
    public abstract static class MinNode extends BuiltinNode {
        @Specialization
        protected Object min(Object[] args, @Cached("create()") InvokeNode invoke,
                             @Cached("create(LT)") MetamethodLookupNode lt) {
            return extreme(this, args, false, invoke, lt);
        }
    }

    /**
     * Lua 5.4's min/max compare the arguments as given with the '<' operator (exact integer/float
     * comparison, strings with strings, __lt metamethods) and return the winning argument unchanged.
     */
    static Object extreme(BuiltinNode node, Object[] args, boolean max, InvokeNode invoke, MetamethodLookupNode lt) {
        if (args.length == 0) {
            throw node.argError(1, "value expected");
        }
        node.charge(args.length / 8);
        Object best = args[0];
        for (int i = 1; i < args.length; i++) {
            Object v = args[i];
            boolean better = max ? CompareNode.compareWithMetamethods(null, best, v, false, invoke, lt, null, node)
                    : CompareNode.compareWithMetamethods(null, v, best, false, invoke, lt, null, node);
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
