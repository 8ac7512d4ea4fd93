package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Result;
import dev.moat.interpreter.api.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The attack corpus of SECURITY.md as executable cases: every script under {@code attacks/} runs through
 * the embedding API, interpreted and compiled, and must end with one of the error kinds its first line
 * names ("-- expect: MEMORY_BUDGET|INSTRUCTION_BUDGET", or OK). After each case a canary script must
 * still see pristine libraries and globals, and raw Java exceptions never reach the host.
 */
class AttackCorpusTest {
    private static final Limits LIMITS = Limits.defaults().withInstructions(3_000_000).withMemory(32L << 20)
            .withOutput(64 << 10).withCallDepth(200).withTimeout(Duration.ofSeconds(20));
    private static final String CANARY = "return ('x'):rep(2), string.format('%d', 7), type(pairs), canary_value, "
            + "type(table.insert), getmetatable('').__concat";
    private static MoatEngine interpreted;
    private static MoatEngine compiled;
    private static int baselineThreads;

    static MoatEngine.Builder configure(MoatEngine.Builder b) {
        return b.limits(LIMITS)
                .hostFunction("echo", 1, args -> args.get(0))
                .hostFunction("fail", 0, args -> {
                    throw new IllegalStateException("host failure for the test");
                });
    }

    @BeforeAll
    static void setUp() {
        baselineThreads = Thread.activeCount();
        interpreted = configure(MoatEngine.builder()).engineOption("engine.Compilation", "false").build();
        compiled = configure(MoatEngine.builder()).engineOption("engine.CompilationFailureAction", "Silent").build();
    }

    @AfterAll
    static void tearDown() {
        interpreted.close();
        compiled.close();
    }

    static List<Path> scripts() throws IOException {
        Path root = Path.of(System.getProperty("moat.attacks.dir", "src/test/resources/attacks")).toAbsolutePath();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".moat")).sorted().toList();
        }
    }

    static Set<String> expected(String code) {
        String first = code.lines().findFirst().orElse("");
        if (!first.startsWith("-- expect: ")) {
            throw new IllegalStateException("attack script without '-- expect:' line");
        }
        return Arrays.stream(first.substring("-- expect: ".length()).trim().split("\\|")).collect(Collectors.toSet());
    }

    /** Optional second line "-- limits: instructions=N memory=BYTES" changes the budget for slow-to-exhaust cases. */
    static Limits limitsFor(String code) {
        Limits l = LIMITS;
        for (String line : code.lines().limit(3).toList()) {
            if (line.startsWith("-- limits: ")) {
                for (String kv : line.substring("-- limits: ".length()).trim().split("\\s+")) {
                    String[] p = kv.split("=");
                    if (p[0].equals("instructions")) {
                        l = l.withInstructions(Long.parseLong(p[1]));
                    } else if (p[0].equals("memory")) {
                        l = l.withMemory(Long.parseLong(p[1]));
                    }
                }
            }
        }
        return l;
    }

    @TestFactory
    List<DynamicContainer> attacks() throws IOException {
        List<DynamicContainer> modes = new ArrayList<>();
        for (String mode : List.of("interpreted", "compiled")) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Path script : scripts()) {
                String name = script.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                    MoatEngine engine = mode.equals("interpreted") ? interpreted : compiled;
                    String code = Files.readString(script, StandardCharsets.UTF_8);
                    Set<String> allowed = expected(code);
                    String outcome;
                    String detail = "";
                    try {
                        engine.compile(name, code).run(java.util.Map.of(), limitsFor(code));
                        outcome = "OK";
                    } catch (MoatException e) {
                        outcome = e.kind().name();
                        detail = e.getMessage();
                        assertTrue(!detail.contains("java.") && !detail.contains("Exception"), "Java internals leaked: " + detail);
                    } catch (RuntimeException e) {
                        fail("raw Java exception escaped the API: " + e);
                        return;
                    }
                    assertTrue(allowed.contains(outcome), name + " (" + mode + "): expected " + allowed + " but was " + outcome + " " + detail);
                    Result canary = engine.compile("canary.moat", CANARY).run();
                    assertEquals(Arrays.asList("xx", "7", "function", null, "function", null), canary.values(), "canary after " + name);
                }));
            }
            modes.add(DynamicContainer.dynamicContainer(mode, tests));
        }
        return modes;
    }

    @Test
    void threadsReturnToBaseline() throws Exception {
        Script spawner = compiled.compile("spawn.moat", """
                local keep = {}
                for i = 1, 200 do keep[i] = coroutine.create(function() coroutine.yield() end) coroutine.resume(keep[i]) end
                while true do end
                """);
        for (int i = 0; i < 5; i++) {
            try {
                spawner.run();
                fail("the spinning script must exhaust its budget");
            } catch (MoatException e) {
                assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, e.kind());
            }
        }
        Thread.sleep(200);
        assertTrue(Thread.activeCount() <= baselineThreads + 8, "platform threads leaked: " + Thread.activeCount() + " vs " + baselineThreads);
    }
}
