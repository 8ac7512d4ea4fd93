package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark programs (bench/programs, the held-out bench/unseen, bench/blind and bench/blind2) at small sizes: Moat prints the
 * checksum line lua5.4 prints. The comparison harness checks this at full size; this keeps a wrong
 * result from waiting for the next benchmark run. Every program must have a size here.
 */
class BenchProgramsDifferentialTest extends SharedEngineTest {
    /** Sizes (arg[1]) at which lua5.4 runs each program in well under a second. */
    private static final Map<String, String> SIZES = Map.ofEntries(
            Map.entry("programs/fib", "20"), Map.entry("programs/towers", "10"), Map.entry("programs/queens", "6"),
            Map.entry("programs/mandelbrot", "60"), Map.entry("programs/nbody", "2000"),
            Map.entry("programs/spectralnorm", "50"), Map.entry("programs/richards", "3"),
            Map.entry("programs/deltablue", "3"), Map.entry("programs/closures", "50"),
            Map.entry("programs/strings", "40"), Map.entry("programs/tables", "30"),
            Map.entry("programs/coroutines", "20"), Map.entry("programs/json", "40"), Map.entry("programs/sort", "2000"),
            Map.entry("unseen/bf", "1"), Map.entry("unseen/binarytrees", "8"), Map.entry("unseen/fannkuch", "7"),
            Map.entry("unseen/raytracer", "40"), Map.entry("unseen/knucleotide", "5000"), Map.entry("unseen/lzw", "20000"),
            Map.entry("unseen/life", "30"), Map.entry("unseen/hashmap", "200"), Map.entry("unseen/queue", "2"),
            Map.entry("unseen/varargs", "2000"),
            Map.entry("blind/sha", "10"), Map.entry("blind/calc", "200"), Map.entry("blind/dijkstra", "20"),
            Map.entry("blind/bignum", "300"), Map.entry("blind/template", "400"), Map.entry("blind/matrix", "30"),
            Map.entry("blind/kmeans", "500"), Map.entry("blind/pipeline", "3000"), Map.entry("blind/inherit", "100"),
            Map.entry("blind/wordfreq", "20000"),
            Map.entry("blind2/rules", "2000"), Map.entry("blind2/csv", "5000"), Map.entry("blind2/lru", "8000"),
            Map.entry("blind2/huffman", "10000"), Map.entry("blind2/vm", "3"), Map.entry("blind2/levenshtein", "10"),
            Map.entry("blind2/eventsim", "15000"), Map.entry("blind2/textwrap", "50"), Map.entry("blind2/serialize", "300"),
            Map.entry("blind2/trie", "2000"), Map.entry("blind2/hull", "500"), Map.entry("blind2/maze", "20000"));

    private static Path benchDir() {
        return Path.of(System.getProperty("moat.bench.dir", "../bench")).toAbsolutePath().normalize();
    }

    @TestFactory
    List<DynamicTest> sameChecksumAsLua() throws IOException {
        boolean lua = DifferentialTest.luaAvailable();
        List<DynamicTest> tests = new ArrayList<>();
        int found = 0;
        for (String dir : List.of("programs", "unseen", "blind", "blind2")) {
            try (var files = Files.list(benchDir().resolve(dir))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                    found++;
                    String name = dir + "/" + file.getFileName().toString().replaceFirst("\\.lua$", "");
                    tests.add(DynamicTest.dynamicTest(name, file.toUri(), () -> {
                        String size = SIZES.get(name);
                        assertTrue(size != null, "no test size for " + name + " in BenchProgramsDifferentialTest.SIZES");
                        Assumptions.assumeTrue(lua, "lua5.4 is not installed");
                        Process p = new ProcessBuilder("lua5.4", file.getFileName().toString(), size)
                                .directory(file.getParent().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                        String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "lua5.4 failed on " + name);
                        assertEquals(expected, runMoat(file, name, size), "moat vs lua5.4 on " + name + " " + size);
                    }));
                }
            }
        }
        assertTrue(found >= SIZES.size(), "bench programs not found under " + benchDir());
        return tests;
    }

    /** Runs the program with arg = {size} (as the CLI would set it) and returns what it printed. */
    private static String runMoat(Path file, String name, String size) throws IOException {
        String code = "arg = {[0] = \"" + name + ".lua\", \"" + size + "\"}\n" + Files.readString(file, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("moat").engine(engine).out(out).err(out).allowCreateThread(true).build()) {
            context.eval(Source.newBuilder("moat", code, name + ".lua").build());
        } catch (PolyglotException e) {
            assertNull(e.getMessage(), "moat failed on " + name);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
