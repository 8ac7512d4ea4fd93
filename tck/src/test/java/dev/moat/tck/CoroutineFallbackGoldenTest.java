package dev.moat.tck;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden scripts that use coroutines, run once more on the virtual-thread fallback backend (GoldenTest
 * runs them on JDK continuations, which the test JVM exports to Moat). Both backends must print the same.
 */
class CoroutineFallbackGoldenTest extends SharedEngineTest {
    /** 100,000 live virtual threads take minutes in Truffle (see CoroutineScaleTest); covered there with fewer. */
    private static final Set<String> TOO_MANY_THREADS = Set.of("coroutines/many_suspended.moat");
    /**
     * A virtual thread's frames live on its carrier's stack while it runs, so recursion inside a coroutine
     * reaches the JVM's limit sooner on this backend: Lua's "stack overflow" error, at a smaller depth.
     */
    private static final Set<String> SHALLOWER_STACK = Set.of("coroutines/deep_recursion.moat");
    @TestFactory
    List<DynamicTest> coroutineScriptsOnVirtualThreads() throws IOException {
        Map<String, String> known = GoldenScripts.knownFailures();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : GoldenScripts.all()) {
            String name = GoldenScripts.name(script);
            if (known.containsKey(name) || TOO_MANY_THREADS.contains(name)
                    || !Files.readString(script, StandardCharsets.UTF_8).contains("coroutine.")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                MoatRunner.Outcome outcome = MoatRunner.run(engine, script, name, Map.of("moat.CoroutineBackend", "thread"));
                Path outFile = GoldenScripts.sibling(script, ".out");
                Path errFile = GoldenScripts.sibling(script, ".err");
                String expectedOut = Files.exists(outFile) ? Files.readString(outFile, StandardCharsets.ISO_8859_1) : "";
                if (SHALLOWER_STACK.contains(name) && outcome.error() != null) {
                    assertTrue(outcome.error().endsWith(": stack overflow"), "error of " + name + ": " + outcome.error());
                    assertTrue(expectedOut.startsWith(outcome.stdout()), "stdout of " + name + ": " + outcome.stdout());
                    return;
                }
                assertEquals(expectedOut, outcome.stdout(), "stdout of " + name);
                if (Files.exists(errFile)) {
                    assertEquals(Files.readString(errFile, StandardCharsets.UTF_8).strip(),
                            outcome.error() == null ? null : outcome.error().strip(), "error of " + name);
                } else {
                    assertNull(outcome.error(), "unexpected error in " + name);
                }
            }));
        }
        return tests;
    }
}
