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


/**
 * Golden tests: every {@code golden/<area>/<name>.moat} must print exactly its {@code .out}, and end with
 * the error in {@code .err} when there is one. {@code -Dmoat.bless=true} rewrites the expectations from
 * Moat's output. Scripts listed in known-failures.txt are reported as skipped with their reason.
 */
class GoldenTest extends SharedEngineTest {
    @TestFactory
    List<DynamicTest> golden() throws IOException {
        Map<String, String> known = GoldenScripts.knownFailures();
        boolean bless = Boolean.getBoolean("moat.bless");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : GoldenScripts.all()) {
            String name = GoldenScripts.name(script);
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                Assumptions.assumeFalse(known.containsKey(name), () -> "known failure: " + known.get(name));
                MoatRunner.Outcome outcome = MoatRunner.run(engine, script, name);
                Path outFile = GoldenScripts.sibling(script, ".out");
                Path errFile = GoldenScripts.sibling(script, ".err");
                if (bless) {
                    Files.writeString(outFile, outcome.stdout(), StandardCharsets.ISO_8859_1);
                    if (outcome.error() != null) {
                        Files.writeString(errFile, outcome.error() + "\n", StandardCharsets.UTF_8);
                    } else {
                        Files.deleteIfExists(errFile);
                    }
                    return;
                }
                GoldenScripts.assertExpected(script, name, outcome);
            }));
        }
        return tests;
    }
}
