package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run completes only if its whole instruction count is within the limit. Block entries count without
 * testing the limit (loop iterations and calls test it; see Budget), so a run whose last instructions are
 * straight-line code passes its limit where nothing tests it: the end of the run must. Checked for a
 * script run through the embedding API and for a guest function the host calls, at every limit around
 * the run's count.
 */
class InstructionLimitTest {
    /** Ends with blocks that only count: an if body and a do block after the last loop iteration and call. */
    private static final String SCRIPT = """
            local s = 0
            for i = 1, 10 do s = s + i end
            if s > 0 then
              local a, b, c = 1, 2, 3
              s = s + a + b + c
              do local d = s * 2; s = d - s end
            end
            return s
            """;

    @Test
    void aScriptCompletesOnlyWithinItsLimit() {
        long full;
        try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults().withInstructions(0)).build()) {
            full = engine.compile("end.moat", SCRIPT).run().instructions();
        }
        assertTrue(full > 20, "count " + full);
        for (long k = full - 8; k <= full + 1; k++) {
            try (MoatEngine engine = MoatEngine.builder()
                    .limits(Limits.defaults().withInstructions(k).withTimeout(Duration.ofSeconds(30))).build()) {
                if (k >= full) {
                    assertEquals(61L, ((Number) engine.compile("end.moat", SCRIPT).run().value()).longValue());
                } else {
                    MoatException e = assertThrows(MoatException.class, () -> engine.compile("end.moat", SCRIPT).run(),
                            "limit " + k + " below the count " + full);
                    assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, e.kind());
                }
            }
        }
    }

    @Test
    void aFunctionTheHostCallsCompletesOnlyWithinItsLimit() {
        String program = "return function(n) " + SCRIPT.replace("1, 10", "1, n") + " end";
        long before;
        long full;
        try (Context context = Context.newBuilder("moat").build()) {
            Value f = context.eval(Source.create("moat", program));
            before = stats(context);
            f.execute(10);
            full = stats(context) - before;
        }
        for (long k = before + full - 8; k <= before + full + 1; k++) {
            try (Context context = Context.newBuilder("moat").option("moat.MaxInstructions", Long.toString(k)).build()) {
                Value f = context.eval(Source.create("moat", program));
                if (k >= before + full) {
                    assertEquals(61L, f.execute(10).asLong());
                } else {
                    PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute(10),
                            "limit " + k + " below the count " + (before + full));
                    assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
                }
            }
        }
    }

    private static long stats(Context context) {
        Value stats = context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
        return stats.getArrayElement(0).asLong();
    }
}
