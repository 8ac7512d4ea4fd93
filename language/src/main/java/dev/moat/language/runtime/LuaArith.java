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

    /**
     * C's {@code fmod} as lua5.4 computes it on amd64: a NaN operand is the result as it is (its sign shows
     * in "-nan"), where Java's remainder gives a NaN of its own.
     */
    public static double cFmod(double a, double b) {
        if (Double.isNaN(a)) {
            return a;
        }
        return Double.isNaN(b) ? b : a % b;
    }

    /** Lua's float {@code a ^ b} (luai_numpow): {@code a * a} for the exponent 2, else C's pow. */
    public static double pow(double a, double b) {
        if (b == 2) {
            return a * a;
        }
        if (a == 2.0 && b >= Double.MIN_EXPONENT && b <= Double.MAX_EXPONENT && b == (int) b) {
            return powerOfTwo((int) b);
        }
        return cPow(a, b);
    }

    /**
     * {@code 2 ^ n} for a normal power of two, built from its exponent bits: exact, as C's pow and Math.pow are
     * for it. Bit-twiddling code ({@code 2 ^ p} in a loop, blind2 huffman's unpacking) otherwise went through
     * {@link #integerPower}'s loop, whose branches depend on {@code p} and mispredict: ≈ 10 ns a power against
     * ≈ 1 for a multiplication.
     */
    private static double powerOfTwo(int n) {
        return Double.longBitsToDouble((long) (n + 1023) << 52);
    }

    /**
     * C's {@code pow} (C99 Annex F, as glibc computes it) where it differs from Java's Math.pow:
     * {@code pow(1, y)} and {@code pow(x, 0)} are 1 even for a NaN, {@code pow(-1, ±inf)} is 1, a NaN
     * operand otherwise comes back as glibc returns it (the first NaN operand, or {@code x * x} with the sign
     * of an odd power), so "-nan" and "nan" print as in lua5.4.
     */
    public static double cPow(double x, double y) {
        if (y == 0 || x == 1.0) {
            return 1.0;
        }
        if (Double.isNaN(y) || Double.isNaN(x) && Double.isInfinite(y)) {
            return Double.isNaN(x) ? x : y; // glibc's x + y, whose NaN is the first NaN operand on amd64
        }
        if (Double.isInfinite(y)) {
            return x == -1.0 ? 1.0 : Math.pow(x, y);
        }
        if (Double.isNaN(x)) {
            double x2 = x * x;
            if (Double.doubleToRawLongBits(x) < 0 && isOddInteger(y)) {
                x2 = -x2;
            }
            return y < 0 ? 1 / x2 : x2;
        }
        if (y > 0 && y <= 64 && x == Math.rint(x) && y == (int) y) {
            double exact = integerPower(x, (int) y);
            if (Math.abs(exact) <= 0x1p53) {
                return exact;
            }
        }
        return Math.pow(x, y);
    }

    /**
     * {@code x ^ n} for an integral {@code x} by repeated squaring. Where the result's magnitude is at most 2^53,
     * every partial product is a smaller power of x, an integer that a double holds exactly, so the result is the
     * exact power, which is what Math.pow and C's pow return for it (both exact where the result is
     * representable); larger results go to Math.pow. Why: a bit-twiddling program's {@code 2 ^ p} in a loop
     * spent a tenth of its time in the pow stub (blind2 huffman).
     */
    private static double integerPower(double x, int n) {
        double result = 1.0;
        double square = x;
        for (int k = n; k != 0; k >>>= 1) {
            if ((k & 1) != 0) {
                result *= square;
            }
            if (k > 1) {
                square *= square;
            }
        }
        return result;
    }

    private static boolean isOddInteger(double y) {
        return y == Math.rint(y) && Math.abs(y) < 0x1p53 && ((long) y & 1) != 0;
    }

    public static double fmod(double a, double b) {
        double m;
        long x = (long) a;
        long y = (long) b;
        if (x == a && y == b && y != 0 && fitsLong(a) && fitsLong(b)) {
            // Both integral and in long range (NaN and infinities fail the tests): the remainder of the
            // integers is exactly C's fmod (an integer no larger than a, so a double holds it), with the sign
            // of a, also for a zero result; a long division costs a fraction of the call to C's fmod that
            // Java's double remainder compiles to. Code that keeps integer values in floats (a / 256 and
            // then % 256, as hashing and bit twiddling without the bitwise operators do) lives here.
            long r = x % y;
            m = r == 0 ? Math.copySign(0.0, a) : (double) r;
        } else {
            m = cFmod(a, b);
        }
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
