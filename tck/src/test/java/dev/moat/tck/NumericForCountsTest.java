package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Result;
import dev.moat.interpreter.api.Script;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A numeric {@code for} whose count fits in 2^24 runs on an int count tested before each iteration, the
 * shape Graal compiles as a counted loop without safepoint polls when it is innermost and does not
 * allocate; longer loops run on a long count. Both must give Lua's results, charge the same instructions,
 * and a timeout must still stop a script that spends its time in such inner loops.
 */
class NumericForCountsTest {
    private static Limits unlimited(Duration timeout) {
        return Limits.defaults().withInstructions(0).withTimeout(timeout);
    }

    private static MoatEngine compiledEngine(Limits limits) {
        return MoatEngine.builder().limits(limits).engineOption("engine.CompileImmediately", "true")
                .engineOption("engine.BackgroundCompilation", "false").build();
    }

    @Test
    void runsLikeLuaWhenCompiled() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("control/numeric_for_counts.moat");
    }

    @Test
    void intAndLongCountsChargeTheSame() {
        // The same 1000 iterations, ended by a break: a count of 4999 runs as an int, 2^40 as a long.
        String loop = "local s = 0 for i = 1, %s do if i > 1000 then break end s = s + i %% 7 end return s";
        Limits limits = unlimited(Duration.ofSeconds(60));
        try (MoatEngine interpreted = MoatEngine.builder().limits(limits).engineOption("engine.Compilation", "false").build();
             MoatEngine compiled = compiledEngine(limits)) {
            for (MoatEngine engine : new MoatEngine[]{interpreted, compiled}) {
                for (int round = 0; round < 3; round++) {
                    Result shortCount = engine.compile("short.moat", loop.formatted("5000")).run();
                    Result longCount = engine.compile("long.moat", loop.formatted("1 << 40")).run();
                    assertEquals(longCount.values(), shortCount.values());
                    assertTrue(shortCount.instructions() > 2_000, "1000 iterations, 2 instructions each at least");
                    assertEquals(longCount.instructions(), shortCount.instructions());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 << 24", "1 << 40"})
    void timeoutStopsCompiledInnerLoops(String innerLimit) {
        // The inner loop is innermost and allocation-free: compiled with an int count (up to 2^24
        // iterations) it may poll for no safepoint; a longer one runs on a long count and polls.
        String spin = "local x = 0 while true do for i = 1, " + innerLimit + " do x = x + i % 3 end end";
        try (MoatEngine engine = compiledEngine(unlimited(Duration.ofMillis(500)))) {
            Script s = engine.compile("spin.moat", spin);
            long start = System.nanoTime();
            MoatException e = assertThrows(MoatException.class, () -> s.run(Map.of(), unlimited(Duration.ofMillis(500))));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(MoatException.Kind.TIMEOUT, e.kind(), e.getMessage());
            // One inner loop of 2^24 iterations takes well under a second compiled; the bound is generous.
            assertTrue(millis < 20_000, "stopped after " + millis + " ms");
        }
    }
}
