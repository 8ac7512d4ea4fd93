package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code f(ctx, table.unpack(args))} site in a rules loop, its argument tables of two array strategies
 * (integers and strings), of one element and then of two, calling two functions. table.unpack read element by
 * element in a loop whose strategy test Graal moved out of the loop on a speculation: the compiled loop that
 * inlined it deoptimised at the next table of another strategy, and so did every later compilation of a caller
 * that inlined it (a rules engine benchmark recompiled its main loop three times, 1-3 s each). It reads the
 * array part with the strategy chosen before its loop now. Counted from the engine's compilation trace.
 */
class UnpackStrategiesDeoptTest {
    private static final String PROGRAM = """
            local unpack = table.unpack
            local function f(ctx, a, b) ctx.n = ctx.n + (a and 1 or 0) + (b and 10 or 0) end
            local function g(ctx, a) ctx.n = ctx.n + 2 end
            local ones = { {f, {"z"}}, {f, {20}}, {g, {"q"}}, {f, {30}}, {g, {1}} }
            local twos = { {f, {"a", "b"}}, {f, {20, 21}}, {g, {"q", "r"}}, {f, {30, 31}}, {g, {1, 2}} }
            local function run(rules, n)
              local ctx = {n = 0}
              for i = 1, n do
                for _, r in ipairs(rules) do
                  r[1](ctx, unpack(r[2]))
                end
              end
              return ctx.n
            end
            local total = 0
            for it = 1, 30 do total = total + run(ones, 200) + run(twos, 200) end
            print(total)
            """;

    @Test
    void unpackingTablesOfTwoStrategiesAtOneSiteDoesNotDeoptimise() {
        MoatRunner.Traced run = MoatRunner.runTraced(PROGRAM, 100, "engine.TraceCompilation");
        // Computed by lua5.4 for this program.
        assertEquals("264000\n", run.stdout());
        String trace = run.log();
        assertTrue(Pattern.compile("opt done .*\\brun\\b").matcher(trace).find(), "run never compiled (test too weak):\n" + trace);
        assertFalse(trace.contains("opt failed"), "a compilation gave up:\n" + trace);
        long deopts = Pattern.compile("opt deopt .*builtin unpack").matcher(trace).results().count();
        assertEquals(0, deopts, deopts + " deoptimisations in table.unpack:\n" + trace);
    }
}
