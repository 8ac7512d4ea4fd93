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
 * Real programs damaged the way edits damage them: {@code load} gives lua5.4's message (wording, line and
 * token) for every other prefix of their first 3,000 bytes (the errors of unfinished input a user sees at the
 * REPL or in a file saved half-written: cut inside a token, a string or comment, an argument list, a table
 * constructor, a parameter list, a block after a return), and for each of their first 2,000 bytes deleted
 * (a typo: a keyword misspelt, a bracket or quote lost, two statements run together). The programs are the
 * benchmark ones (bench/programs and bench/unseen).
 */
class DamagedSourcesTest {
    private static final int LENGTH = 3000;
    private static final int STEP = 2;
    private static final int DELETED = 2000;

    /**
     * Deletions where Moat's message still differs from lua5.4's, each listed so that the test fails when one
     * is fixed (or a new one appears). Two kinds: a statement that then starts with '(' right after an
     * expression, which Lua reads as a call of that expression ("f(a)\n(b)") and ANTLR as a new statement when
     * the call cannot go on; and an error Lua finds when it closes a block (a 'break' outside a loop), which
     * Moat's translator finds only if the whole chunk parses, so a later syntax error is reported instead.
     */
    private static final java.util.Map<String, java.util.Set<Integer>> KNOWN = java.util.Map.of(
            "programs/closures.lua", java.util.Set.of(1829, 1830, 1832),
            "programs/tables.lua", java.util.Set.of(436),
            "unseen/queue.lua", java.util.Set.of(717));

    private static Path benchDir() {
        return Path.of(System.getProperty("moat.bench.dir", "../bench")).toAbsolutePath().normalize();
    }

    /** A program's test: its name ("programs/fib.lua") and its text, with lua5.4 at hand in a batch. */
    private interface ProgramCheck {
        void check(String name, String source, LuaBatch batch) throws Exception;
    }

    /** One test per benchmark program, skipped (never passed) when lua5.4 is not installed. */
    private static List<DynamicTest> perProgram(String batchName, ProgramCheck check) throws IOException {
        boolean lua = DifferentialTest.luaAvailable();
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : List.of("programs", "unseen")) {
            try (var files = Files.list(benchDir().resolve(dir))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                    String name = dir + "/" + file.getFileName();
                    tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
                        Assumptions.assumeTrue(lua, "lua5.4 is not installed");
                        try (LuaBatch batch = new LuaBatch(batchName)) {
                            check.check(name, Files.readString(file, StandardCharsets.ISO_8859_1), batch);
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 20, "bench programs not found under " + benchDir());
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyPrefixFailsAsInLua() throws IOException {
        return perProgram("moat-truncated", (name, source, batch) -> {
            String script = sweep(source);
            String expected = batch.runLua(script, "sweep.lua");
            long prefixes = (Math.min(LENGTH, source.length()) + STEP - 1) / STEP;
            assertEquals(prefixes, expected.lines().count(), "prefixes lua5.4 ran of " + name);
            assertEquals(expected, batch.runMoat(script, "sweep.lua"), "prefixes of " + name);
        });
    }

    @TestFactory
    List<DynamicTest> everyDeletionFailsAsInLua() throws IOException {
        return perProgram("moat-deleted", (name, source, batch) -> {
            String script = deletions(source);
            List<String> expected = batch.runLua(script, "deleted.lua").lines().toList();
            List<String> actual = batch.runMoat(script, "deleted.lua").lines().toList();
            assertEquals(expected.size(), actual.size(), "deletions run of " + name);
            java.util.Set<Integer> differing = new java.util.TreeSet<>();
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    differing.add(i + 1);
                }
            }
            String example = differing.isEmpty() ? "" : expected.get(differing.iterator().next() - 1) + " / "
                    + actual.get(differing.iterator().next() - 1);
            assertEquals(KNOWN.getOrDefault(name, java.util.Set.of()), differing,
                    "deletions whose message differs from lua5.4's in " + name + ", e.g. " + example);
        });
    }

    /** A script that loads the source with each of its first DELETED bytes deleted and prints what load said. */
    private static String deletions(String source) {
        return loads(source, "1, math.min(#src, " + DELETED + ")", "src:sub(1, i - 1) .. src:sub(i + 1)");
    }

    /** A script that loads every STEP-th prefix of {@code source} and prints where each ends and what load said. */
    private static String sweep(String source) {
        return loads(source, "1, #src, " + STEP, "src:sub(1, i)");
    }

    /** The program's first LENGTH bytes as {@code src}, and for i over {@code range}, load's message for {@code chunk}. */
    private static String loads(String source, String range, String chunk) {
        String text = source.substring(0, Math.min(LENGTH, source.length()));
        String level = "=".repeat(12);
        assertTrue(!text.contains("]" + level + "]"), "the program closes the long bracket that quotes it");
        return "local src = [" + level + "[" + text + "]" + level + "]\n"
                + "for i = " + range + " do\n"
                + "  local _, err = load(" + chunk + ", '=p')\n"
                + "  print(i, err or 'ok')\n"
                + "end\n";
    }
}
