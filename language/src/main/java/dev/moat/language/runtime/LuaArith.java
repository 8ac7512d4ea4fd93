package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * Lua 5.4 number semantics as plain static functions: floor division and modulo, exact comparisons
 * between integers and floats, float-to-integer conversion, shifts, and string-to-number coercion.
 * Nodes call these from their specializations so the rules live in one place.
 */
public final class LuaArith {
    private static final double TWO63 = 0x1p63;

    private LuaArith() {
    }

    public static double fmod(double a, double b) {
        double m = a % b;
        // fmod truncates; Lua's modulo floors, so a non-zero remainder whose sign differs from b's moves by b.
        if ((m > 0 && b < 0) || (m < 0 && b > 0)) {
            m += b;
        }
        return m;
    }

    public static double floorDiv(double a, double b) {
        return Math.floor(a / b);
    }

    public static boolean fitsLong(double d) {
        return d >= -TWO63 && d < TWO63;
    }

    /** The integer with exactly the value of {@code d}, or null (Lua's "no integer representation"). */
    public static Long toIntegerExact(double d) {
        if (d == Math.rint(d) && fitsLong(d)) {
            return (long) d;
        }
        return null;
    }

    public static boolean eq(long i, double f) {
        return f == Math.rint(f) && fitsLong(f) && (long) f == i;
    }

    public static boolean lt(long i, double f) {
        if (f >= TWO63) {
            return true;
        } else if (f > -TWO63) {
            return i < (long) Math.ceil(f);
        }
        return false;
    }

    public static boolean le(long i, double f) {
        if (f >= TWO63) {
            return true;
        } else if (f >= -TWO63) {
            return i <= (long) Math.floor(f);
        }
        return false;
    }

    public static boolean lt(double f, long i) {
        if (f < -TWO63) {
            return true;
        } else if (f < TWO63) {
            return (long) Math.floor(f) < i;
        }
        return false;
    }

    public static boolean le(double f, long i) {
        if (f <= -TWO63) {
            return true;
        } else if (f < TWO63) {
            return (long) Math.ceil(f) <= i;
        }
        return false;
    }

    public static long shiftLeft(long x, long n) {
        if (n <= -64 || n >= 64) {
            return 0;
        }
        return n >= 0 ? x << n : x >>> -n;
    }

    /** String coercion for arithmetic: the number a string denotes, or null. */
    @TruffleBoundary
    public static Object stringToNumber(TruffleString s) {
        return LuaNumberParser.toNumber(MoatStrings.toByteChars(s));
    }

    /** A value as a number for arithmetic (numbers, numeric strings), or null. */
    public static Object toNumber(Object v) {
        if (v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof TruffleString s) {
            return stringToNumber(s);
        }
        return null;
    }

    /** A value as an integer for bitwise operations and integer arguments, or null. */
    public static Long toInteger(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return toIntegerExact(d);
        }
        if (v instanceof TruffleString s) {
            // Not a recursive call on the converted number: partial evaluation would inline it until it
            // gives up ("too deep inlining"), failing the compilation of every builtin that converts.
            Object n = stringToNumber(s);
            if (n instanceof Long l) {
                return l;
            }
            return n instanceof Double d ? toIntegerExact(d) : null;
        }
        return null;
    }
}
