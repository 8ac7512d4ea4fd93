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
 * Metering switched off ({@code moat.Metering=false}, for overhead measurements) next to contexts that meter,
 * on one engine whose compiled code they share. Compiled code tests no metering flag while every context in
 * the JVM meters (budget's UniformLimits); the first context made with metering off invalidates that, and from
 * then on each run must follow its own context's flag in the same shared code: the metered context keeps
 * counting and keeps its depth limit, the other counts nothing and has none. Runs in a JVM of its own
 * (surefire execution {@code metering-off}), since the switch is for the whole JVM and for good.
 */
class MeteringOffTest {
    private static final String PROGRAM = """
            local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
            local function work(n) local s = 0 for i = 1, n do s = s + depth(10) end return s end
            return function(n, d) return work(n) + depth(d) end
            """;
    private static final int MAX_DEPTH = 200;

    @Test
    void eachContextFollowsItsOwnMeteringInSharedCompiledCode() {
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            Source source = Source.create("moat", PROGRAM);
            try (Context metered = context(engine, true, 0)) {
                Value f = metered.eval(source);
                assertMeters(metered, f);
                try (Context unmetered = context(engine, false, 50)) {
                    Value g = unmetered.eval(source);
                    long before = instructions(unmetered);
                    // 500 levels against a depth limit of 200, 10,000 loop iterations against an instruction limit of 50:
                    // with metering off neither limit applies and nothing is counted.
                    assertEquals(10 * 1000 + 500, g.execute(1000, 500).asLong());
                    assertEquals(0, before);
                    assertEquals(0, instructions(unmetered));
                }
                // The metered context, after the switch, in code compiled again without the assumption.
                assertMeters(metered, f);
            }
            try (Context limited = context(engine, true, 5_000)) {
                Value f = limited.eval(source);
                PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute(100_000, 1));
                assertTrue(e.getMessage().contains("instruction budget exhausted"), e.getMessage());
            }
        }
    }

    private static void assertMeters(Context context, Value f) {
        long before = instructions(context);
        assertEquals(100 * 10 + 50, f.execute(100, 50).asLong());
        long used = instructions(context) - before;
        assertTrue(used > 100 * 11, "a metered run of 1,100 calls counted " + used);
        PolyglotException e = assertThrows(PolyglotException.class, () -> f.execute(1, MAX_DEPTH + 10));
        assertTrue(e.getMessage().contains("stack overflow"), e.getMessage());
    }

    private static Context context(Engine engine, boolean metering, long maxInstructions) {
        return Context.newBuilder("moat").engine(engine)
                .option("moat.Metering", Boolean.toString(metering))
                .option("moat.MaxDepth", Integer.toString(MAX_DEPTH))
                .option("moat.MaxInstructions", Long.toString(maxInstructions))
                .build();
    }

    private static long instructions(Context context) {
        Value stats = context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
        return stats.getArrayElement(0).asLong();
    }
}
