package dev.moat.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * Compiled functions reset slots whose values are dead (ClearLocalsNode): a loop body's locals where the
 * block ends, a repeat body's after its condition, a multiple assignment's temporaries after it, a
 * loop's control variables after each iteration and a nested loop's slots after the loop. That happens
 * only in frames the function's root marked as compiled, so the interpreted golden suite never meets it.
 * These goldens run with every function compiled at its first call (and one of them deoptimises part-way,
 * so the interpreter continues in a marked frame); each must print what lua5.4 prints.
 */
class DeadSlotsCompiledTest {
    @ParameterizedTest
    @ValueSource(strings = {"control/dead_slots.moat", "control/loops.moat", "control/nested_break.moat",
            "control/goto_advanced.moat", "control/goto_structure.moat", "control/repeat_scope.moat", "control/while_closures.moat",
            "control/generic_for_custom.moat", "closures/shared_loop_vars.moat", "programs/quicksort.moat",
            "programs/sieve.moat", "programs/matrix.moat"})
    void giveLuasResultsWhenCompiled(String golden) throws IOException {
        GoldenScripts.assertExpectedWhenCompiled(golden);
    }
}
