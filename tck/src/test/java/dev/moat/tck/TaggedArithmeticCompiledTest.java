package dev.moat.tck;

import org.junit.jupiter.api.Test;

/**
 * Arithmetic and comparison sites that meet both number subtypes switch to TaggedArithNode and
 * TaggedCompareNode, field reads under them hand numbers over as TaggedNumbers, and locals that hold both
 * subtypes keep each value's subtype. The golden script (also run interpreted, and against lua5.4 by the
 * differential test) is run here with every function compiled at its first call: the switch then happens
 * after compiled code met the second subtype, and the compiled tagged paths (integer wrap-around, float
 * division, {@code x - k}, coercion, metamethods, errors naming the operand) must give Lua's results.
 */
class TaggedArithmeticCompiledTest {
    @Test
    void mixedSubtypeSitesGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("operators/mixed_subtype_sites.moat");
    }

    @Test
    void mixedSubtypeComparisonsGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("operators/mixed_subtype_comparisons.moat");
    }

    @Test
    void localsOfBothSubtypesGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("operators/mixed_subtype_locals.moat");
    }

    @Test
    void vectorOperatorsGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("metatables/cached_metamethods.moat");
    }
}
