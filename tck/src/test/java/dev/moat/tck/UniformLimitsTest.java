package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits as compilation constants while every context in the JVM has the same ones (budget's UniformLimits),
 * and each context's own limits once one differs. Contexts share one engine and its compiled code: first two
 * with the same limits, whose code is compiled with them as constants; then one with a higher instruction
 * limit and a deeper call limit, which must be able to use them in that same code; then one with the first
 * limits again, which must still stop at them. An exhausted context runs nothing more, so the instruction
 * limit is the last thing each context meets. Runs in a JVM of its own (surefire execution {@code uniform-limits}): the
 * first context made in the JVM sets the constants.
 */
class UniformLimitsTest {
    private static final String PROGRAM = """
            local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
            local function work(n) local s = 0 for i = 1, n do s = s + depth(10) end return s end
            return function(n, d) return work(n) + depth(d) end
            """;

    @Test
    void eachContextStopsAtItsOwnLimitsInSharedCompiledCode() {
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            Source source = Source.create("moat", PROGRAM);
            try (Context first = context(engine, 1_000_000, 100); Context second = context(engine, 1_000_000, 100)) {
                assertStopsAt(first.eval(source), 100, false);
                assertStopsAt(second.eval(source), 100, false);
            }
            try (Context other = context(engine, 100_000_000, 300)) {
                assertStopsAt(other.eval(source), 300, true);
            }
            try (Context firstAgain = context(engine, 1_000_000, 100)) {
                assertStopsAt(firstAgain.eval(source), 100, false);
            }
        }
    }

    /** Recursion deeper than {@code depthLimit} overflows, up to it does not; 100,000 loop iterations fit the budget only if {@code roomy}. */
    private static void assertStopsAt(Value f, int depthLimit, boolean roomy) {
        int reachable = depthLimit - 5; // the chunk's own function and the loop's caller take levels too
        assertEquals(10 + reachable, f.execute(1, reachable).asLong());
        PolyglotException overflow = assertThrows(PolyglotException.class, () -> f.execute(1, depthLimit + 5));
        assertTrue(overflow.getMessage().contains("stack overflow"), overflow.getMessage());
        if (roomy) {
            assertEquals(10 * 100_000 + 1, f.execute(100_000, 1).asLong());
        } else {
            PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute(100_000, 1));
            assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
        }
    }

    private static Context context(Engine engine, long maxInstructions, int maxDepth) {
        return Context.newBuilder("moat").engine(engine)
                .option("moat.MaxInstructions", Long.toString(maxInstructions))
                .option("moat.MaxDepth", Integer.toString(maxDepth))
                .build();
    }
}
