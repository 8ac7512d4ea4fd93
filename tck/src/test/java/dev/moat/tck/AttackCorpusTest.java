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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The attack corpus of SECURITY.md as executable cases: every script under {@code attacks/} runs through
 * the embedding API, interpreted and compiled, and must end with one of the error kinds its first line
 * names ("-- expect: MEMORY_BUDGET|INSTRUCTION_BUDGET", or OK). An optional "-- limits: instructions=N
 * memory=BYTES output=BYTES depth=N timeout=MS" line (0 = unlimited) tightens or lifts budgets.
 *
 * <p>For every case: only a documented kind leaves the API (INTERNAL is never expected: it is a bug), the
 * message is bounded and free of Java internals, a TIMEOUT arrives promptly after its deadline, a canary
 * script afterwards still sees pristine libraries and globals, and a case that completes uses the same
 * instruction count interpreted and compiled. After the corpus, the host's heap and thread count are back
 * at their baselines and repeated aborted runs do not grow the heap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackCorpusTest {
    private static final Limits LIMITS = Limits.defaults().withInstructions(3_000_000).withMemory(32L << 20)
            .withOutput(64 << 10).withCallDepth(200).withTimeout(Duration.ofSeconds(20));
    private static final String CANARY = "return ('x'):rep(2), string.format('%d', 7), type(pairs), canary_value, "
            + "type(table.insert), getmetatable('').__concat";
    /** A timeout must interrupt the script within this much after its deadline (generous: shared CI machines). */
    private static final long TIMEOUT_SLACK_MS = 3_000;
    private static final int MAX_MESSAGE = 4096 + 3;
    private static MoatEngine interpreted;
    private static MoatEngine compiled;
    private static int baselineThreads;
    private static long baselineHeap;
    /** Instruction counts of cases that completed, interpreted, to compare with the compiled run. */
    private static final Map<String, Long> interpretedCounts = new ConcurrentHashMap<>();

    static MoatEngine.Builder configure(MoatEngine.Builder b) {
        return b.limits(LIMITS)
                .hostFunction("echo", 1, args -> args.get(0))
                .hostFunction("fail", 0, args -> {
                    throw new IllegalStateException("host failure for the test");
                });
    }

    @BeforeAll
    static void setUp() throws Exception {
        interpreted = configure(MoatEngine.builder()).engineOption("engine.Compilation", "false").build();
        compiled = configure(MoatEngine.builder()).engineOption("engine.CompilationFailureAction", "Silent").build();
        // Warm up what every later run uses (runner and timer threads, coroutine carriers, the compiler),
        // so that the baselines below already contain the long-lived threads and caches.
        String warm = "local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) "
                + "local s = 0 for i = 1, 20000 do s = s + i end return co() + s";
        for (int i = 0; i < 3; i++) {
            interpreted.compile("warm.moat", warm).run();
            compiled.compile("warm.moat", warm).run();
        }
        baselineThreads = HostResources.platformThreads();
        baselineHeap = HostResources.settledHeap();
    }

    @AfterAll
    static void tearDown() {
        interpreted.close();
        compiled.close();
    }

    static List<Path> scripts() throws IOException {
        Path root = Path.of(System.getProperty("moat.attacks.dir", "src/test/resources/attacks")).toAbsolutePath();
        // -Dmoat.attacks.only=REGEX runs the matching cases only (file names), for working on one finding.
        String only = System.getProperty("moat.attacks.only", "");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".moat"))
                    .filter(p -> only.isEmpty() || p.getFileName().toString().matches(only)).sorted().toList();
        }
    }

    static Set<String> expected(String code) {
        String first = code.lines().findFirst().orElse("");
        if (!first.startsWith("-- expect: ")) {
            throw new IllegalStateException("attack script without '-- expect:' line");
        }
        Set<String> kinds = Arrays.stream(first.substring("-- expect: ".length()).trim().split("\\|")).collect(Collectors.toSet());
        if (kinds.contains("INTERNAL")) {
            throw new IllegalStateException("INTERNAL is never an acceptable outcome (SECURITY.md K4)");
        }
        return kinds;
    }

    /** Optional "-- limits: key=value ..." line among the first three; 0 lifts a metered budget. */
    static Limits limitsFor(String code) {
        Limits l = LIMITS;
        for (String line : code.lines().limit(3).toList()) {
            if (!line.startsWith("-- limits: ")) {
                continue;
            }
            for (String kv : line.substring("-- limits: ".length()).trim().split("\\s+")) {
                String[] p = kv.split("=");
                long v = Long.parseLong(p[1]);
                l = switch (p[0]) {
                    case "instructions" -> l.withInstructions(v);
                    case "memory" -> l.withMemory(v);
                    case "output" -> l.withOutput(v);
                    case "depth" -> l.withCallDepth((int) v);
                    case "timeout" -> l.withTimeout(Duration.ofMillis(v));
                    default -> throw new IllegalStateException("unknown limit " + p[0]);
                };
            }
        }
        return l;
    }

    @TestFactory
    @Order(1)
    List<DynamicContainer> attacks() throws IOException {
        List<DynamicContainer> modes = new ArrayList<>();
        for (String mode : List.of("interpreted", "compiled")) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Path script : scripts()) {
                String name = script.getFileName().toString();
                tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> runCase(mode, name, script)));
            }
            modes.add(DynamicContainer.dynamicContainer(mode, tests));
        }
        return modes;
    }

    private static void runCase(String mode, String name, Path script) throws IOException {
        MoatEngine engine = mode.equals("interpreted") ? interpreted : compiled;
        String code = Files.readString(script, StandardCharsets.UTF_8);
        Set<String> allowed = expected(code);
        Limits limits = limitsFor(code);
        String outcome;
        String detail = "";
        long start = System.nanoTime();
        try {
            Result r = engine.compile(name, code).run(Map.of(), limits);
            outcome = "OK";
            if (mode.equals("interpreted")) {
                interpretedCounts.put(name, r.instructions());
            } else if (interpretedCounts.containsKey(name)) {
                assertEquals(interpretedCounts.get(name), r.instructions(), name + ": instruction count differs from the interpreter");
            }
        } catch (MoatException e) {
            outcome = e.kind().name();
            detail = e.getMessage();
            assertTrue(!detail.contains("java.") && !detail.contains("Exception"), "Java internals leaked: " + detail);
            assertTrue(detail.length() <= MAX_MESSAGE, "unbounded message: " + detail.length() + " chars");
        } catch (Throwable e) {
            fail("raw Java throwable escaped the API: " + e);
            return;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(allowed.contains(outcome), name + " (" + mode + "): expected " + allowed + " but was " + outcome + " "
                + detail.substring(0, Math.min(300, detail.length())));
        if (outcome.equals("TIMEOUT")) {
            assertTrue(elapsedMs <= limits.timeout().toMillis() + TIMEOUT_SLACK_MS, "timeout fired late: " + elapsedMs + " ms");
        }
        Result canary = engine.compile("canary.moat", CANARY).run();
        assertEquals(Arrays.asList("xx", "7", "function", null, "function", null), canary.values(), "canary after " + name);
    }

    @Test
    @Order(2)
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
        HostResources.awaitThreadsAtMost(baselineThreads + HostResources.THREAD_SLACK);
    }

    /**
     * SECURITY.md P4 after the whole corpus (this runs last): the heap after GC is back within a tolerance
     * of its baseline once the compiled engine is closed (the interpreted one keeps its code caches, so not byte-exact), platform threads are back,
     * and a second round of aborting runs does not grow the heap (a per-run leak would grow it by roughly
     * one budget per run).
     */
    @Test
    @Order(3)
    void hostHeapAndThreadsReturnToBaselineAfterTheCorpus() throws Exception {
        // The compiled engine may still be compiling corpus code in the background, and jargraal's graphs
        // live in this heap (a histogram of a failing run showed 245 MiB of compiler graph nodes). Closing
        // the engine cancels that work; what must not stay behind is anything of the scripts' runs.
        compiled.close();
        compiled = configure(MoatEngine.builder()).engineOption("engine.CompilationFailureAction", "Silent").build();
        HostResources.awaitThreadsAtMost(baselineThreads + HostResources.THREAD_SLACK);
        long afterCorpus = HostResources.settledHeap();
        assertTrue(afterCorpus <= baselineHeap + HostResources.HEAP_TOLERANCE, "heap after corpus " + HostResources.mib(afterCorpus)
                + " vs baseline " + HostResources.mib(baselineHeap));
        // The interpreted engine: a leak is about contexts, and background compilations would add transient heap.
        List<Script> aborting = List.of(
                interpreted.compile("bomb.moat", "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(1000) .. i end"),
                interpreted.compile("nested.moat", "local function n(k) if k == 0 then while true do end end "
                        + "return coroutine.resume(coroutine.create(n), k - 1) end n(100)"),
                interpreted.compile("deep.moat", "local function f() return 1 + f() end f()"),
                interpreted.compile("suspended.moat", "local k = {} for i = 1, 500 do k[i] = coroutine.create(function() "
                        + "local big = ('y'):rep(10000) .. i coroutine.yield() end) coroutine.resume(k[i]) end error('x')"));
        for (int round = 0; round < 20; round++) {
            for (Script s : aborting) {
                try {
                    s.run();
                    fail(s.name() + " must abort");
                } catch (MoatException e) {
                    assertTrue(e.kind() != MoatException.Kind.INTERNAL, e.toString());
                }
            }
        }
        long afterRepeats = HostResources.settledHeap();
        assertTrue(afterRepeats <= afterCorpus + HostResources.REPEAT_TOLERANCE, "80 aborted runs grew the heap from "
                + HostResources.mib(afterCorpus) + " to " + HostResources.mib(afterRepeats));
        HostResources.awaitThreadsAtMost(baselineThreads + HostResources.THREAD_SLACK);
        assertEquals(Arrays.asList("xx", "7", "function", null, "function", null),
                compiled.compile("canary.moat", CANARY).run().values());
    }
}
