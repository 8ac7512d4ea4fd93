package dev.moat.language.runtime;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link ShortestDigits} against the exact rounding ({@link LuaNumberFormat#exactG} and BigDecimal, which the
 * goldens hold against lua5.4): wherever the fast path answers, it answers the same, for doubles of every
 * bit pattern, short decimals, integers, and values a hair either side of a 14-digit rounding midpoint.
 */
class ShortestDigitsTest {
    @Property(tries = 20000)
    void anyBitPatternFormatsAsTheExactRounding(@ForAll long bits) {
        assertAgrees(Double.longBitsToDouble(bits));
    }

    @Property(tries = 20000)
    void decimalsAndIntegersFormatAsTheExactRounding(@ForAll("numbers") double d) {
        assertAgrees(d);
        assertAgrees(-d);
    }

    @Property(tries = 20000)
    void fixedPrecisionFormatsAsTheExactRounding(@ForAll("numbers") double d, @ForAll("precisions") int precision) {
        assertFixedAgrees(Math.abs(d), precision);
    }

    @Property(tries = 20000)
    void fixedPrecisionOfAnyBitPatternFormatsAsTheExactRounding(@ForAll long bits, @ForAll("precisions") int precision) {
        assertFixedAgrees(Math.abs(Double.longBitsToDouble(bits)), precision);
    }

    /** Cents and other decimals just either side of a midpoint at their own precision: 0.125, 2.675, 1.005. */
    @Property(tries = 20000)
    void fixedPrecisionNearMidpointsFormatsAsTheExactRounding(@ForAll("precisions") int precision,
                                                             @ForAll("midpointMantissas") long mantissa,
                                                             @ForAll("steps") int step) {
        double mid = new BigDecimal(mantissa * 10 + 5).scaleByPowerOfTen(-precision - 1).doubleValue();
        double v = mid;
        for (int i = 0; i < Math.abs(step); i++) {
            v = step > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        assertFixedAgrees(v, precision);
    }

    @Property(tries = 20000)
    void generalPrecisionFormatsAsTheExactRounding(@ForAll("numbers") double d, @ForAll("generalPrecisions") int precision) {
        String fast = ShortestDigits.formatG(d, precision);
        if (fast != null) {
            assertEquals(LuaNumberFormat.exactG(d, precision), fast, () -> "%." + precision + "g of " + d);
        }
    }

    @Provide
    Arbitrary<Integer> generalPrecisions() {
        return Arbitraries.integers().between(1, ShortestDigits.MAX_GENERAL_PRECISION);
    }

    @Provide
    Arbitrary<Integer> precisions() {
        return Arbitraries.integers().between(0, 17);
    }

    @Provide
    Arbitrary<Long> midpointMantissas() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, 999_999_999_999L));
    }

    @Provide
    Arbitrary<Integer> steps() {
        return Arbitraries.integers().between(-3, 3);
    }

    @Test
    void knownFixedValues() {
        assertEquals("0.13", ShortestDigits.formatFixed(Math.nextUp(0.125), 2));
        assertNull(ShortestDigits.formatFixed(2.675, 2)); // shortest "2.675", exactly 2.67499999...: the exact value decides
        assertEquals("2.68", ShortestDigits.formatFixed(2.6751, 2));
        assertEquals("1.00", ShortestDigits.formatFixed(0.999, 2));
        assertEquals("10.0", ShortestDigits.formatFixed(9.96, 1));
        assertEquals("0.01", ShortestDigits.formatFixed(0.006, 2));
        assertEquals("0.00", ShortestDigits.formatFixed(0.004, 2));
        assertEquals("0.000", ShortestDigits.formatFixed(0.0, 3));
        assertEquals("3", ShortestDigits.formatFixed(2.5000001, 0));
        assertEquals("1234567.89", ShortestDigits.formatFixed(1234567.891, 2));
        assertNull(ShortestDigits.formatFixed(Math.pow(2, 70), 2)); // its integer digits need the exact value
        assertNull(ShortestDigits.formatFixed(0.125, 2)); // a midpoint: half-even on the exact value
    }

    @Provide
    Arbitrary<Double> numbers() {
        Arbitrary<Double> shortDecimals = Arbitraries.longs().between(-99_999_999_999_999_999L, 99_999_999_999_999_999L)
                .flatMap(m -> Arbitraries.integers().between(-30, 30).map(e -> new BigDecimal(m).scaleByPowerOfTen(e).doubleValue()));
        Arbitrary<Double> fewDigits = Arbitraries.integers().between(-99_999, 99_999)
                .flatMap(m -> Arbitraries.integers().between(-8, 20).map(e -> m * Math.pow(10, e)));
        // 14 digits and then a 5: rounding midpoints, and the doubles next to them
        Arbitrary<Double> midpoints = Arbitraries.longs().between(10_000_000_000_000L, 99_999_999_999_999L)
                .flatMap(m -> Arbitraries.integers().between(-20, 20).flatMap(e -> Arbitraries.integers().between(-2, 2)
                        .map(step -> {
                            double mid = new BigDecimal(m * 10 + 5).scaleByPowerOfTen(e).doubleValue();
                            double v = mid;
                            for (int i = 0; i < Math.abs(step); i++) {
                                v = step > 0 ? Math.nextUp(v) : Math.nextDown(v);
                            }
                            return v;
                        })));
        Arbitrary<Double> sums = Arbitraries.integers().between(1, 1000)
                .flatMap(a -> Arbitraries.integers().between(1, 1000).map(b -> a / 10.0 + b / 100.0));
        return Arbitraries.oneOf(shortDecimals, fewDigits, midpoints, sums, Arbitraries.doubles());
    }

    @Test
    void knownValues() {
        assertEquals("0.3", ShortestDigits.formatG(0.1 + 0.2, 14));
        assertEquals("1e+15", ShortestDigits.formatG(1e15, 14));
        assertEquals("1e+14", ShortestDigits.formatG(99999999999999.99, 14));
        assertEquals("12345678901234", ShortestDigits.formatG(12345678901234.0, 14));
        assertEquals("1.2345678901234e+14", ShortestDigits.formatG(123456789012340.0, 14));
        assertEquals("0.0001", ShortestDigits.formatG(1e-4, 14));
        assertEquals("1e-05", ShortestDigits.formatG(1e-5, 14));
        assertEquals("-2.5", ShortestDigits.formatG(-2.5, 14));
        assertEquals("3.1415926535898", ShortestDigits.formatG(Math.PI, 14));
        assertEquals("1.7976931348623e+308", ShortestDigits.formatG(Double.MAX_VALUE, 14));
        assertEquals("2.2250738585072e-308", ShortestDigits.formatG(Double.MIN_NORMAL, 14));
        assertNull(ShortestDigits.formatG(Double.MIN_VALUE, 14)); // subnormal: "4.9e-324" is not its %.14g
        assertNull(ShortestDigits.formatG(0.0, 14));
        assertNull(ShortestDigits.formatG(Double.NaN, 14));
        assertNull(ShortestDigits.formatG(Double.NEGATIVE_INFINITY, 14));
    }

    private static void assertAgrees(double d) {
        String fast = ShortestDigits.formatG(d, 14);
        if (fast != null) {
            assertEquals(LuaNumberFormat.exactG(d, 14), fast, () -> "%.14g of " + d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")");
        }
    }

    private static void assertFixedAgrees(double v, int precision) {
        String fast = ShortestDigits.formatFixed(v, precision);
        if (fast != null) {
            String exact = new BigDecimal(v).setScale(precision, java.math.RoundingMode.HALF_EVEN).toPlainString();
            assertEquals(exact, fast, () -> "%." + precision + "f of " + v + " (bits " + Long.toHexString(Double.doubleToRawLongBits(v)) + ")");
        }
    }
}
