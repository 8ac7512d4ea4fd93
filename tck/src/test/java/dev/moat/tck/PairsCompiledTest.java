package dev.moat.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * A generic {@code for} over {@code pairs} or {@code next} runs the traversal in the loop node instead of
 * calling {@code next} (GenericForNode: the array part read as ipairs reads it, the rest through the
 * table's traversal). These goldens cover every part of a table, changes during a traversal, start keys and
 * one loop meeting several iterators; here they run with every function compiled at its first call, so the
 * compiled fast path and its fallbacks meet them too, and each must print what lua5.4 prints.
 */
class PairsCompiledTest {
    @ParameterizedTest
    @ValueSource(strings = {"lib-base/pairs_fast_paths.moat", "lib-base/next_basic.moat", "lib-base/next_during_traversal.moat",
            "lib-base/pairs_basic.moat", "lib-base/pairs_metamethod.moat", "builtins/next_pairs_order.moat"})
    void giveLuasResultsWhenCompiled(String golden) throws IOException {
        GoldenScripts.assertExpectedWhenCompiled(golden);
    }
}
