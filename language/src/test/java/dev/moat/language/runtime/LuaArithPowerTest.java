package dev.moat.language.runtime;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integral powers computed by repeated squaring are the very doubles Math.pow gives (bit for bit, signed zeros
 * included), where the exact power fits a double's 53 bits and where it does not (then Math.pow computes it).
 */
class LuaArithPowerTest {
    private static void assertSamePower(double x, double y) {
        assertEquals(Double.doubleToRawLongBits(Math.pow(x, y)), Double.doubleToRawLongBits(LuaArith.cPow(x, y)),
                x + " ^ " + y + ": " + Math.pow(x, y) + " against " + LuaArith.cPow(x, y));
    }

    @Test
    void integralBasesAndExponents() {
        for (int x = -300; x <= 300; x++) {
            for (int y = 1; y <= 70; y++) {
                assertSamePower(x, y);
            }
        }
        for (double x : new double[]{-0.0, 0.0, 1e15, -1e15, 0x1p52, 0x1p53, -0x1p26, 0x1p26 + 1, 94906265, 94906266,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int y = 1; y <= 70; y++) {
                assertSamePower(x, y);
            }
        }
    }

    @Test
    void randomIntegralBasesAndOtherOperands() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextBoolean() ? Math.rint(random.nextGaussian() * Math.pow(10, random.nextInt(9)))
                    : random.nextGaussian() * 100;
            double y = random.nextBoolean() ? random.nextInt(80) - 8 : random.nextDouble() * 20;
            if (y != 0 && x != 1.0) { // cPow's C cases (pow(x, 0), pow(1, y)) are its own
                assertSamePower(x, y);
            }
        }
    }

    /** {@code 2 ^ n} built from exponent bits is Math.pow's result across the normal range and past its ends. */
    @Test
    void powersOfTwo() {
        for (int n = -1100; n <= 1100; n++) {
            assertEquals(Double.doubleToRawLongBits(Math.pow(2.0, n)), Double.doubleToRawLongBits(LuaArith.pow(2.0, n)),
                    "2 ^ " + n);
        }
        for (double y : new double[]{-0.0, 0.5, -0.5, 1e-300, 1022.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1e10, -1e10, Double.MIN_EXPONENT - 0.5}) {
            assertEquals(Double.doubleToRawLongBits(LuaArith.cPow(2.0, y)), Double.doubleToRawLongBits(LuaArith.pow(2.0, y)),
                    "2 ^ " + y);
        }
    }
}
