package dev.moat.tck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential tests: each golden script (except those marked "-- moat-only" on their first line) runs
 * on the reference {@code lua5.4} as well, from the golden directory with the same relative name, and
 * Moat must print the same. Skipped (visibly) when lua5.4 is not installed; CI installs it.
 */
class DifferentialTest extends SharedEngineTest {
    static boolean luaAvailable() {
        try {
            Process p = new ProcessBuilder("lua5.4", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @TestFactory
    List<DynamicTest> againstLua() throws IOException {
        boolean lua = luaAvailable();
        Map<String, String> known = GoldenScripts.knownFailures();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : GoldenScripts.all()) {
            String name = GoldenScripts.name(script);
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                Assumptions.assumeTrue(lua, "lua5.4 is not installed");
                Assumptions.assumeFalse(GoldenScripts.isMoatOnly(script), "Moat-only script");
                Assumptions.assumeFalse(known.containsKey(name), () -> "known failure: " + known.get(name));
                ProcessBuilder pb = new ProcessBuilder("lua5.4", name).directory(GoldenScripts.root().toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("TZ", "UTC"); // Moat's local time is UTC, whatever the machine's zone
                Process p = pb.start();
                byte[] luaOut = p.getInputStream().readAllBytes();
                p.waitFor(60, TimeUnit.SECONDS);
                MoatRunner.Outcome moat = MoatRunner.run(engine, script, name);
                assertEquals(new String(luaOut, StandardCharsets.ISO_8859_1), moat.stdout(), "moat vs lua5.4 on " + name);
            }));
        }
        return tests;
    }
}
