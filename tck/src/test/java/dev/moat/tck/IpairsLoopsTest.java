package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Result;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generic {@code for} over {@code ipairs} of a table without metatable runs the iterator inline
 * (GenericForNode); every other loop calls it. Both must give Lua's results, in the interpreter and
 * compiled, and charge the same instructions.
 */
class IpairsLoopsTest {
    /** Iterates {@code a}; {@code b} is the other table, so both scripts build and charge the same things. */
    private static final String LOOP = """
            for i = 1, 400 do a[i] = i; b[i] = i end
            local s = 0
            for round = 1, 20 do
              for i, v in ipairs(a) do s = s + i * v end
            end
            return s
            """;

    @Test
    void runsLikeLuaWhenCompiled() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("control/ipairs_loops.moat");
    }

    @Test
    void inlineIterationChargesWhatCallingTheIteratorCharges() {
        String inline = "local a, b = {}, setmetatable({}, {})\n" + LOOP;
        String called = "local b, a = {}, setmetatable({}, {})\n" + LOOP; // a metatable: the iterator is called
        Limits limits = Limits.defaults().withInstructions(0).withTimeout(Duration.ofSeconds(60));
        try (MoatEngine interpreted = MoatEngine.builder().limits(limits).engineOption("engine.Compilation", "false").build();
             MoatEngine compiled = MoatEngine.builder().limits(limits).engineOption("engine.CompileImmediately", "true")
                     .engineOption("engine.BackgroundCompilation", "false").build()) {
            for (MoatEngine engine : new MoatEngine[]{interpreted, compiled}) {
                Result a = engine.compile("inline.moat", inline).run();
                Result b = engine.compile("called.moat", called).run();
                assertEquals(b.values(), a.values());
                assertTrue(a.instructions() > 16_000, "20 x 400 iterations, 2 instructions each at least");
                assertEquals(b.instructions(), a.instructions());
            }
        }
    }
}
