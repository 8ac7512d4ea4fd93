package dev.moat.stdlib.math;

/**
 * The C library functions lua5.4's math library calls, where Java's Math has none or answers differently.
 * <ul>
 * <li>{@code log2}: Java has none, and {@code log(x) / log(2)} is not exact for powers of two
 * ({@code math.log(2^29, 2)} would be 29.000000000000004, one more after {@code math.ceil}).</li>
 * <li>The NaNs: the sign is all that tostring and string.format show of a NaN ("nan", "-nan"), and glibc's
 * {@code asin}, {@code acos} and {@code log10} answer an argument outside their domain with a positive NaN
 * where Java gives the hardware's default NaN (negative on amd64); {@code atan2(y, x)} answers two NaN
 * operands with {@code x + y}, which is the NaN of {@code x}. A NaN argument comes back as it is.</li>
 * </ul>
 */
final class Libm {
    private static final double SQRT2 = 1.4142135623730951;

    private Libm() {
    }

    /**
     * Base-2 logarithm, exact for powers of two: {@code x = m * 2^e} with {@code m} in [sqrt(1/2), sqrt(2)],
     * so that {@code log(m)} has no cancellation near 1 and is 0 for a power of two.
     */
    static double log2(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            return Math.log(x) / Math.log(2.0); // 0, negative, infinite, NaN: log's own answer
        }
        int scaled = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            scaled = 54;
        }
        int e = Math.getExponent(x);
        double m = Math.scalb(x, -e);
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        return (e - scaled) + Math.log(m) / Math.log(2.0);
    }

    static double asin(double x) {
        return domainNaN(Math.asin(x), x);
    }

    static double acos(double x) {
        return domainNaN(Math.acos(x), x);
    }

    static double log10(double x) {
        return domainNaN(Math.log10(x), x);
    }

    static double atan2(double y, double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        return Double.isNaN(y) ? y : Math.atan2(y, x);
    }

    /** glibc's positive NaN for an argument outside the function's domain; a NaN argument as it is. */
    private static double domainNaN(double result, double x) {
        if (Double.isNaN(result)) {
            return Double.isNaN(x) ? x : Double.NaN;
        }
        return result;
    }
}
