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
 * body's generator translation per resume, no stack switch per yield). This checks which bodies do, and
 * that running them so changes nothing a script or a host can see: output, errors, and the instruction
 * and allocation counts of every golden script that uses coroutines, with generators on and off, and
 * under immediate compilation.
 */
class CoroutineGeneratorTest extends SharedEngineTest {
    private static final String GENERATORS = "moat.CoroutineGenerators";
    /** What a run printed, how it failed, and what it cost. */
    private record Run(String stdout, String error, long instructions, long bytes) {
    }

    private static Run run(Engine onEngine, String code, String name, boolean generators, ByteArrayOutputStream log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context.Builder builder = Context.newBuilder("moat").engine(onEngine).out(out).err(out).allowExperimentalOptions(true)
                .option(GENERATORS, Boolean.toString(generators));
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
        Matcher m = Pattern.compile("coroutine of \\S+ \\(line (\\d+)\\) runs as a generator").matcher(log.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(2, 3, 4, 5), lines, log.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream off = new ByteArrayOutputStream();
        run(engine, script, "shapes.moat", false, off);
        assertFalse(off.toString(StandardCharsets.UTF_8).contains("runs as a generator"), "moat.CoroutineGenerators=false");
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
                Run generators = run(engine, code, name, true, null);
                Run stacks = run(engine, code, name, false, null);
                assertEquals(stacks, generators, name + ": output, error and counts with and without generators");
            }));
        }
        return tests;
    }

    @Test
    void compiledGeneratorsGiveTheGoldenOutput() throws IOException {
        Path script = GoldenScripts.root().resolve("coroutines/generator_shapes.moat");
        String code = Files.readString(script, StandardCharsets.UTF_8);
        String expected = Files.readString(GoldenScripts.sibling(script, ".out"), StandardCharsets.ISO_8859_1);
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
            Run compiled = run(compiling, code, "coroutines/generator_shapes.moat", true, null);
            assertEquals(null, compiled.error());
            assertEquals(expected, compiled.stdout());
            Run shared = run(engine, code, "coroutines/generator_shapes.moat", true, null);
            assertEquals(shared, compiled, "output and counts, compiled at once and on the shared engine");
        }
    }
}
