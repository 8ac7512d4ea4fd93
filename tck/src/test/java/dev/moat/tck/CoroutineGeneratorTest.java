package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Coroutine bodies whose yields are all direct statements run as resumable generators (one call of the
 * body's generator translation per resume, no stack switch per yield), and those the translator finds fit
 * take bare steps (no continuation until a step reaches a call or metamethod that might yield, where it
 * bails to one). This checks which bodies do, that the bails happen where they should, and that running so
 * changes nothing a script or a host can see: output, errors, and the instruction and allocation counts of
 * every golden script that uses coroutines, on coroutine stacks, as generators without bare steps, with
 * them, and with every step trying bare whatever it bailed before; and under immediate compilation.
 */
class CoroutineGeneratorTest extends SharedEngineTest {
    /** How coroutines run. */
    private enum Mode {
        STACKS(false, false, 0), GENERATORS(true, false, 0), BARE(true, true, 2), ALWAYS_BARE(true, true, 1_000_000);

        final boolean generators;
        final boolean bare;
        final int bails;

        Mode(boolean generators, boolean bare, int bails) {
            this.generators = generators;
            this.bare = bare;
            this.bails = bails;
        }
    }

    /** What a run printed, how it failed, and what it cost. */
    private record Run(String stdout, String error, long instructions, long bytes) {
    }

    private static Run run(Engine onEngine, String code, String name, boolean generators, ByteArrayOutputStream log) {
        return run(onEngine, code, name, generators ? Mode.BARE : Mode.STACKS, log);
    }

    private static Run run(Engine onEngine, String code, String name, Mode mode, ByteArrayOutputStream log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context.Builder builder = Context.newBuilder("moat").engine(onEngine).out(out).err(out).allowExperimentalOptions(true)
                .option("moat.CoroutineGenerators", Boolean.toString(mode.generators))
                .option("moat.CoroutineBareSteps", Boolean.toString(mode.bare))
                .option("moat.CoroutineBareStepBails", Integer.toString(mode.bails));
        if (log != null) {
            builder.option("log.moat.coroutine.level", "FINE").logHandler(log);
        }
        try (Context context = builder.build()) {
            String error = null;
            try {
                context.eval(Source.newBuilder("moat", code, name).buildLiteral());
            } catch (PolyglotException e) {
                error = e.getMessage();
            }
            Value stats = context.eval(Source.newBuilder("moat", "", "stats").mimeType("application/x-moat-stats").buildLiteral());
            return new Run(out.toString(StandardCharsets.ISO_8859_1), error, stats.getArrayElement(0).asLong(),
                    stats.getArrayElement(1).asLong());
        }
    }

    @Test
    void bodiesWithOnlyDirectStatementYieldsRunAsGenerators() {
        String script = """
                local function run(f) local co = coroutine.create(f) coroutine.resume(co, 1) return co end
                run(function() coroutine.yield(1) end)                                 -- line 2: yes
                run(function(a) local x, y = coroutine.yield(a) end)                   -- line 3: yes
                run(function() x = coroutine.yield() end)                              -- line 4: yes
                run(function() for i = 1, 2 do if i then coroutine.yield(i) end end end) -- line 5: yes
                run(function() local x = 1 + coroutine.yield() end)                   -- 6: yield in an expression
                run(function() return coroutine.yield() end)                           -- 7: yield in a return
                run(function() t = {}; t.x = coroutine.yield() end)                    -- 8: target is not a name
                run(function() while coroutine.yield() do end end)                     -- 9: yield in a condition
                run(function() local c <close> = nil; coroutine.yield() end)           -- 10: to-be-closed local
                run(function() goto l; ::l:: coroutine.yield() end)                    -- 11: goto
                run(function() local y = coroutine.yield; y() end)                     -- 12: no direct yield
                run(function() local function f() coroutine.yield() end f() end)       -- 13: only nested ones
                run(function() coroutine.yield(coroutine.yield()) end)                 -- 14: yield in arguments
                """;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Run run = run(engine, script, "shapes.moat", true, log);
        assertEquals(null, run.error());
        List<Integer> lines = new ArrayList<>();
        lines.addAll(logged(log, "coroutine of \\S+ \\(line (\\d+)\\) runs as a generator"));
        assertEquals(List.of(2, 3, 4, 5), lines, log.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream off = new ByteArrayOutputStream();
        run(engine, script, "shapes.moat", false, off);
        assertFalse(off.toString(StandardCharsets.UTF_8).contains("runs as a generator"), "moat.CoroutineGenerators=false");
    }

    /** The source lines of the log messages matching {@code pattern} (group 1 the line), in order. */
    private static List<Integer> logged(ByteArrayOutputStream log, String pattern) {
        List<Integer> lines = new ArrayList<>();
        Matcher m = Pattern.compile(pattern).matcher(log.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        return lines;
    }

    @Test
    void bodiesWhoseStatementsCanRunAgainTakeBareSteps() {
        String script = """
                local function run(f) local co = coroutine.create(f) coroutine.resume(co, 1) return co end
                local up = 0
                run(function(a) local x = a + up; coroutine.yield(x) end)                 -- 3: yes
                run(function() local v = f(g); coroutine.yield(v) end)                      -- 4: yes: f checked before g is read
                run(function() local v = f(g()); coroutine.yield(v) end)                    -- 5: yes: f checked before g() runs
                run(function() up = up + 1; local t = {}; t.x = 1; coroutine.yield() end)  -- 6: yes
                run(function() local v = f() + 1; coroutine.yield(v) end)                   -- 7: + after a call
                run(function() local t = {}; t[1] = f(); coroutine.yield() end)            -- 8: field write after a call
                run(function() local s = "a" .. up .. "b"; coroutine.yield(s) end)         -- 9: .. after a ..
                run(function() local t = {up + 1}; coroutine.yield(t) end)                  -- 10: + after the table
                run(function() if f() then elseif g() then end coroutine.yield() end)      -- 11: second condition after a call
                run(function() for i = f(), g() do end coroutine.yield() end)               -- 12: header call after a call
                run(function() repeat local x = f() until x + 1; coroutine.yield() end)   -- 13: yes: the condition runs again alone
                run(function() gx, gy = 1, 2; coroutine.yield() end)                        -- 14: second global write
                run(function() local x, y; x, y = 1, 2; coroutine.yield() end)             -- 15: yes: locals
                run(function() function gf() end coroutine.yield() end)                     -- 16: global write after the closure
                run(function() local function lf() end coroutine.yield(lf) end)            -- 17: yes
                run(function() return coroutine.yield() end)                                -- 18: no generator at all
                """;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Run run = run(engine, script, "bare-shapes.moat", Mode.BARE, log);
        assertEquals(null, run.error());
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
                logged(log, "coroutine of \\S+ \\(line (\\d+)\\) runs as a generator"), log.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(3, 4, 5, 6, 13, 15, 17),
                logged(log, "coroutine of \\S+ \\(line (\\d+)\\) runs as a generator with bare steps"), log.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream off = new ByteArrayOutputStream();
        run(engine, script, "bare-shapes.moat", Mode.GENERATORS, off);
        assertFalse(off.toString(StandardCharsets.UTF_8).contains("with bare steps"), "moat.CoroutineBareSteps=false");
    }

    @Test
    void bareStepsBailWhereAStepMightYieldFromDeeperDown() throws IOException {
        Path script = GoldenScripts.root().resolve("coroutines/generator_bails.moat");
        String code = Files.readString(script, StandardCharsets.UTF_8);
        String expected = Files.readString(GoldenScripts.sibling(script, ".out"), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Run run = run(engine, code, "coroutines/generator_bails.moat", Mode.ALWAYS_BARE, log);
        assertEquals(expected, run.stdout());
        List<Integer> generators = logged(log, "coroutine of \\S+ \\(line (\\d+)\\) runs as a generator");
        assertEquals(generators, logged(log, "coroutine of \\S+ \\(line (\\d+)\\) runs as a generator with bare steps"),
                "every body of the script takes bare steps");
        // Each body written to bail (a Lua call, metamethods, pcall, aliases of yield, a tail call, the final
        // return, loop conditions, a Lua iterator, a closing value, a global's __index) does, once per bail point.
        List<Integer> bails = logged(log, "a bare step of \\S+ \\(line (\\d+)\\) goes on in a continuation");
        Map<Integer, Long> perBody = new java.util.TreeMap<>();
        for (int line : bails) {
            perBody.merge(line, 1L, Long::sum);
        }
        assertEquals(Map.ofEntries(Map.entry(23, 4L), Map.entry(65, 11L), Map.entry(90, 3L), Map.entry(100, 2L),
                Map.entry(113, 1L), Map.entry(117, 1L), Map.entry(127, 3L), Map.entry(135, 4L), Map.entry(143, 3L),
                Map.entry(159, 4L), Map.entry(164, 1L), Map.entry(174, 1L), Map.entry(186, 1L), Map.entry(200, 6L),
                Map.entry(220, 3L)), perBody, log.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    List<DynamicTest> goldenScriptsAreTheSameWithoutGenerators() throws IOException {
        Map<String, String> known = GoldenScripts.knownFailures();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : GoldenScripts.all()) {
            String name = GoldenScripts.name(script);
            String code = Files.readString(script, StandardCharsets.UTF_8);
            if (known.containsKey(name) || !code.contains("coroutine.")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                Run stacks = run(engine, code, name, Mode.STACKS, null);
                for (Mode mode : new Mode[]{Mode.GENERATORS, Mode.BARE, Mode.ALWAYS_BARE}) {
                    assertEquals(stacks, run(engine, code, name, mode, null),
                            name + ": output, error and counts on coroutine stacks and in mode " + mode);
                }
            }));
        }
        return tests;
    }

    @Test
    void compiledGeneratorsGiveTheGoldenOutput() throws IOException {
        // Compiled at their first call, generator bodies reach each resume path for the first time in
        // compiled code, so they deoptimise once per new path (about 40 times here, then stable). Graal
        // hoists those deopts to the few guards that choose a path, and the deopt cycle detector, which
        // counts deopts per position, takes that for a cycle at its default of 15; with enough room, the
        // compilation failure action (Throw) still catches any real cycle or failure.
        try (Engine compiling = Engine.newBuilder("moat").allowExperimentalOptions(true)
                .option("engine.CompileImmediately", "true")
                .option("engine.BackgroundCompilation", "false")
                .option("engine.CompilationFailureAction", "Throw")
                .option("compiler.DeoptCycleDetectionThreshold", "200")
                .build()) {
            assertNotEquals("Interpreted", compiling.getImplementationName(), "the Graal JIT must be active");
            for (String name : new String[]{"coroutines/generator_shapes.moat", "coroutines/generator_bails.moat"}) {
                Path file = GoldenScripts.root().resolve(name);
                String source = Files.readString(file, StandardCharsets.UTF_8);
                String output = Files.readString(GoldenScripts.sibling(file, ".out"), StandardCharsets.ISO_8859_1);
                for (Mode mode : new Mode[]{Mode.BARE, Mode.ALWAYS_BARE}) {
                    Run compiled = run(compiling, source, name, mode, null);
                    assertEquals(null, compiled.error(), name + " " + mode);
                    assertEquals(output, compiled.stdout(), name + " " + mode);
                    Run shared = run(engine, source, name, mode, null);
                    assertEquals(shared, compiled, name + " " + mode + ": output and counts, compiled at once and on the shared engine");
                }
            }
        }
    }
}
