package dev.moat.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Locates golden scripts and the known-failures list shared by the golden and differential tests. */
final class GoldenScripts {
    private GoldenScripts() {
    }

    static Path root() {
        String dir = System.getProperty("moat.golden.dir", "src/test/resources/golden");
        return Path.of(dir).toAbsolutePath();
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".moat")).sorted().toList();
        }
    }

    /** Relative name with forward slashes, used as the chunk name (like lua5.4 run from the golden dir). */
    static String name(Path script) {
        return root().relativize(script).toString().replace('\\', '/');
    }

    /** known-failures.txt: "area/name.moat  reason" per line; '#' starts a comment. */
    static Map<String, String> knownFailures() throws IOException {
        Map<String, String> known = new HashMap<>();
        Path file = root().resolve("known-failures.txt");
        if (!Files.exists(file)) {
            return known;
        }
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int space = t.indexOf(' ');
            known.put(space < 0 ? t : t.substring(0, space), space < 0 ? "" : t.substring(space).strip());
        }
        return known;
    }

    static boolean isMoatOnly(Path script) throws IOException {
        String first = Files.readAllLines(script).stream().findFirst().orElse("");
        return first.startsWith("-- moat-only");
    }

    static Path sibling(Path script, String extension) {
        String s = script.toString();
        return Path.of(s.substring(0, s.length() - ".moat".length()) + extension);
    }

    /**
     * Runs the golden script at {@code relative} (under the golden root) on its own engine, every function
     * compiled at its first call, synchronously, compilation failures thrown; asserts its expected output.
     */
    static void assertExpectedWhenCompiled(String relative) throws IOException {
        assertExpectedWhenCompiled(relative, java.util.Map.of());
    }

    /** {@link #assertExpectedWhenCompiled(String)} with more engine options. */
    static void assertExpectedWhenCompiled(String relative, java.util.Map<String, String> moreOptions) throws IOException {
        Path script = root().resolve(relative);
        String name = name(script);
        java.util.Map<String, String> options = new java.util.HashMap<>(java.util.Map.of(
                "engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false",
                "engine.CompilationFailureAction", "Throw",
                // coroutines may run on virtual threads here (the fallback without --add-exports)
                "engine.WarnVirtualThreadSupport", "false"));
        options.putAll(moreOptions);
        MoatRunner.Outcome outcome = MoatRunner.run(null, script, name, options);
        assertExpected(script, name, outcome);
    }

    /** The script printed exactly its {@code .out} and ended with the error in {@code .err}, or with none. */
    static void assertExpected(Path script, String name, MoatRunner.Outcome outcome) throws IOException {
        // Byte-exact comparison (Latin-1 maps each byte to one char): Lua strings are byte strings.
        Path outFile = sibling(script, ".out");
        Path errFile = sibling(script, ".err");
        String expectedOut = Files.exists(outFile) ? Files.readString(outFile, StandardCharsets.ISO_8859_1) : "";
        org.junit.jupiter.api.Assertions.assertEquals(expectedOut, outcome.stdout(), "stdout of " + name);
        if (Files.exists(errFile)) {
            String expectedErr = Files.readString(errFile, StandardCharsets.UTF_8).strip();
            org.junit.jupiter.api.Assertions.assertEquals(expectedErr, outcome.error() == null ? null : outcome.error().strip(),
                    "error of " + name);
        } else {
            org.junit.jupiter.api.Assertions.assertNull(outcome.error(), "unexpected error in " + name);
        }
    }
}
