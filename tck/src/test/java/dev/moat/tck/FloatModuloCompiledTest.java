package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Float modulo compiled (LuaArith#fmod: through the integers when both operands hold integers, C's fmod
 * otherwise): the golden, compiled at its first call, takes every pair of a set of awkward operands (signed
 * zeros, divisors of one, values near 2^53 and 2^63, infinities, fractions) and a loop that keeps 32-bit
 * words in floats; it must print what lua5.4 prints, zero signs included.
 */
class FloatModuloCompiledTest {
    @Test
    void floatModuloCompiledAtFirstCallIsLuas() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("numbers/float_modulo_integral.moat");
    }
}
