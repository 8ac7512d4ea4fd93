package dev.moat.stdlib.math;

import com.oracle.truffle.api.dsl.GenerateCached;
import com.oracle.truffle.api.dsl.Specialization;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.MoatNil;

/**
 * The math functions Lua 5.3 deprecated that lua5.4 still has: the reference build (Lua's own makefile,
 * Debian's package) defines LUA_COMPAT_5_3, whose LUA_COMPAT_MATHLIB registers {@code atan2} (the same
 * function as {@code atan}), {@code cosh}, {@code sinh}, {@code tanh}, {@code pow}, {@code frexp},
 * {@code ldexp} and {@code log10}. Code written for 5.3 and earlier calls them; all return floats, as in Lua.
 */
public final class MathCompatBuiltins {
    private MathCompatBuiltins() {
    }

    /** {@code math.atan} under its old name: lua5.4 registers the same function twice. */
    @MoatBuiltin(name = "atan2")
    public abstract static class Atan2Node extends MathBuiltins.AtanNode {
    }

    /** A function of one float argument with a float result. */
    @GenerateCached(false)
    abstract static class FloatFunctionNode extends BuiltinNode {
        protected abstract double apply(double x);

        @Specialization
        protected double call(Object v) {
            return apply(checkNumber(v, 1));
        }
    }

    @MoatBuiltin(name = "cosh")
    public abstract static class CoshNode extends FloatFunctionNode {
        @Override
        protected final double apply(double x) {
            return Math.cosh(x);
        }
    }

    @MoatBuiltin(name = "sinh")
    public abstract static class SinhNode extends FloatFunctionNode {
        @Override
        protected final double apply(double x) {
            return Math.sinh(x);
        }
    }

    @MoatBuiltin(name = "tanh")
    public abstract static class TanhNode extends FloatFunctionNode {
        @Override
        protected final double apply(double x) {
            return Math.tanh(x);
        }
    }

    @MoatBuiltin(name = "log10")
    public abstract static class Log10Node extends FloatFunctionNode {
        @Override
        protected final double apply(double x) {
            return Libm.log10(x);
        }
    }

    /** {@code x ^ y} without metamethods: both arguments must be numbers (or numeric strings). */
    @MoatBuiltin(name = "pow")
    public abstract static class PowNode extends BuiltinNode {
        @Specialization
        protected double pow(Object x, Object y) {
            double base = checkNumber(x, 1);
            return LuaArith.cPow(base, checkNumber(y, 2)); // l_mathop(pow): no x*x for the exponent 2
        }
    }

    /** {@code m, e} with {@code x == m * 2^e} and {@code 0.5 <= |m| < 1}; zero, infinities and NaN give {@code x, 0}. */
    @MoatBuiltin(name = "frexp")
    public abstract static class FrexpNode extends BuiltinNode {
        @Specialization
        protected Object[] frexp(Object v) {
            double x = checkNumber(v, 1);
            if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return new Object[]{x, 0L};
            }
            int shift = 0;
            if (Math.getExponent(x) < Double.MIN_EXPONENT) { // subnormal: make it normal first
                x *= 0x1p54;
                shift = 54;
            }
            int e = Math.getExponent(x) + 1;
            return new Object[]{Math.scalb(x, -e), (long) (e - shift)};
        }
    }

    /** {@code x * 2^e}; the exponent is cast to a C int as lua5.4 casts it (its low 32 bits). */
    @MoatBuiltin(name = "ldexp")
    public abstract static class LdexpNode extends BuiltinNode {
        @Specialization
        protected double ldexp(Object x, Object e) {
            double m = checkNumber(x, 1);
            return Math.scalb(m, (int) checkInteger(e, 2));
        }
    }
}
