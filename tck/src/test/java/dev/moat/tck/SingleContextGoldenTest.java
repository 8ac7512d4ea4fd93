package dev.moat.tck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The golden scripts, each on an engine of its own as the CLI runs them. GoldenTest shares one engine
 * among its scripts, and an engine that serves several contexts folds no context's objects into
 * constants; here each engine serves one context, so the lookups that fold globals, library functions and
 * {@code __index} chains (nodes.table.FieldLookupNode) run against the same expected output.
 */
class SingleContextGoldenTest {
    @TestFactory
    List<DynamicTest> goldenOnOwnEngines() throws IOException {
        Map<String, String> known = GoldenScripts.knownFailures();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : GoldenScripts.all()) {
            String name = GoldenScripts.name(script);
            tests.add(DynamicTest.dynamicTest(name, script.toUri(), () -> {
                Assumptions.assumeFalse(known.containsKey(name), () -> "known failure: " + known.get(name));
                MoatRunner.Outcome outcome = MoatRunner.run(null, script, name,
                        Map.of("engine.WarnInterpreterOnly", "false", "engine.WarnVirtualThreadSupport", "false"));
                GoldenScripts.assertExpected(script, name, outcome);
            }));
        }
        return tests;
    }
}
