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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real programs cut short at every other byte: {@code load} of each prefix gives lua5.4's message (wording,
 * line and token), the errors of unfinished input a user sees at the REPL or in a file saved half-written.
 * Each cut ends somewhere else: inside a token, a string or comment, an argument list, a table constructor,
 * a parameter list, a block after a return. The programs are the benchmark ones (bench/programs and
 * bench/unseen), their first 3,000 bytes.
 */
class TruncatedSourcesTest {
    private static final int LENGTH = 3000;
    private static final int STEP = 2;

    private static Path benchDir() {
        return Path.of(System.getProperty("moat.bench.dir", "../bench")).toAbsolutePath().normalize();
    }

    @TestFactory
    List<DynamicTest> everyPrefixFailsAsInLua() throws IOException {
        boolean lua = DifferentialTest.luaAvailable();
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : List.of("programs", "unseen")) {
            try (var files = Files.list(benchDir().resolve(dir))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                    String name = dir + "/" + file.getFileName();
                    tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
                        Assumptions.assumeTrue(lua, "lua5.4 is not installed");
                        String source = Files.readString(file, StandardCharsets.ISO_8859_1);
                        String script = sweep(source);
                        try (LuaBatch batch = new LuaBatch("moat-truncated")) {
                            String expected = batch.runLua(script, "sweep.lua");
                            long prefixes = (Math.min(LENGTH, source.length()) + STEP - 1) / STEP;
                            assertEquals(prefixes, expected.lines().count(), "prefixes lua5.4 ran of " + name);
                            assertEquals(expected, batch.runMoat(script, "sweep.lua"), "prefixes of " + name);
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 20, "bench programs not found under " + benchDir());
        return tests;
    }

    /** A script that loads every STEP-th prefix of {@code source} and prints where each ends and what load said. */
    private static String sweep(String source) {
        String text = source.substring(0, Math.min(LENGTH, source.length()));
        String level = "=".repeat(12);
        assertTrue(!text.contains("]" + level + "]"), "the program closes the long bracket that quotes it");
        return "local src = [" + level + "[" + text + "]" + level + "]\n"
                + "for i = 1, #src, " + STEP + " do\n"
                + "  local _, err = load(src:sub(1, i), '=p')\n"
                + "  print(i, err or 'ok')\n"
                + "end\n";
    }
}
