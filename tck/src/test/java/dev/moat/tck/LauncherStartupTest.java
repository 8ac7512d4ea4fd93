package dev.moat.tck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/moat as users start it, after the build made the start-up image (interpreter's package phase):
 * it must run on the image's runtime with the Graal JIT, and load Moat's classes from the AOT cache —
 * the point of the image. A stale or missing cache must still run, only slower.
 */
class LauncherStartupTest {
    private static final Path HOME = Path.of(System.getProperty("moat.home", "..")).toAbsolutePath().normalize();
    private static final Path RUNTIME = HOME.resolve("interpreter/target/moat-runtime");

    private record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void imageWasBuilt() {
        Assumptions.assumeFalse(Boolean.getBoolean("moat.startupImage.skip"), "start-up image skipped by -Dmoat.startupImage.skip");
        assertTrue(Files.isExecutable(RUNTIME.resolve("jdk/bin/java")), "the build did not make " + RUNTIME.resolve("jdk"));
        assertTrue(Files.isRegularFile(RUNTIME.resolve("moat.aot")), "the build did not train " + RUNTIME.resolve("moat.aot"));
    }

    private static Run moat(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return moatFrom(HOME.resolve("bin/moat"), null, env, args);
    }

    /** Runs the launcher at {@code launcher} in directory {@code dir} (null: the test's own). */
    private static Run moatFrom(Path launcher, Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().remove("MOAT_JAVA_HOME");
        pb.environment().remove("MOAT_JAVA_OPTS");
        pb.environment().putAll(env);
        // stderr carries the class-loading log (megabytes): to a file, so neither pipe can fill and block.
        Path errFile = Files.createTempFile("moat-launcher", ".err");
        try {
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(errFile));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    @Test
    void startsFromTheAotCacheWithTheJit() throws Exception {
        Run r = moat(Map.of("MOAT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "--stats", "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("42\n", r.stdout());
        assertTrue(r.stderr().contains("engine GraalVM CE"), "no JIT: " + tail(r.stderr()));
        assertTrue(r.stderr().contains("dev.moat.interpreter.cli.MoatMain source: shared objects file"),
                "Moat's classes did not come from the AOT cache: " + tail(r.stderr()));
        assertTrue(r.stderr().contains("dev.moat.language.MoatLanguage source: shared objects file"), tail(r.stderr()));
    }

    /** The JIT flags reach the JVM as written (a file glob setting once made bash drop the patterned ones). */
    @Test
    void passesTheJitFlagsToTheJvm() throws Exception {
        Run r = moat(Map.of("MOAT_JAVA_OPTS", "-XX:+PrintVMOptions"), "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        for (String pkg : List.of("jdk.graal.compiler", "jdk.vm.ci", "org.graalvm.collections")) {
            String option = "VM option 'CompileCommand=MaxNodeLimit," + pkg + ".*::*,200'";
            assertTrue(r.stdout().contains(option), "missing " + option + " in:\n" + r.stdout());
        }
        assertTrue(r.stdout().endsWith("42\n"), r.stdout());
    }

    /**
     * The heap settings of moat_heap_flags (bin/moat-jdk.sh): a young generation of 512 MB where the memory the
     * JVM sizes its heap by is 4 GiB or more, transparent huge pages where the kernel offers them on request.
     * The expectation is read from the same files the launcher reads.
     */
    @Test
    void boundsTheYoungGenerationAndAsksForHugePages() throws Exception {
        Run r = moat(Map.of("MOAT_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().endsWith("42\n"), r.stdout());
        boolean bounded = flag(r.stdout(), "NewSize").equals("536870912 {product} {command line}")
                && flag(r.stdout(), "MaxNewSize").equals("536870912 {product} {command line}");
        assertEquals(memoryKiB() >= 4L * 1024 * 1024, bounded, "NewSize " + flag(r.stdout(), "NewSize"));
        String thp = readOr(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"), "");
        boolean offered = thp.contains("[always]") || thp.contains("[madvise]");
        assertEquals(offered, flag(r.stdout(), "UseTransparentHugePages").equals("true {product} {command line}"), thp);
    }

    /** A heap sized in MOAT_JAVA_OPTS wins, with no JVM warning on stdout about the launcher's young generation. */
    @Test
    void aHeapSizedByTheUserIsLeftAlone() throws Exception {
        Run r = moat(Map.of("MOAT_JAVA_OPTS", "-Xmx256m"), "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("42\n", r.stdout());
        assertTrue(!r.stderr().contains("warning"), r.stderr());
    }

    /** "value {kind} {origin}" of flag {@code name} in -XX:+PrintFlagsFinal output, spaces collapsed. */
    private static String flag(String printFlagsFinal, String name) {
        for (String line : printFlagsFinal.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[1].equals(name)) {
                return f[3] + " " + String.join(" ", java.util.Arrays.copyOfRange(f, 4, f.length));
            }
        }
        return "(absent)";
    }

    /** MemTotal, or a lower cgroup limit (as bin/moat-jdk.sh reads them): the memory the JVM sizes its default heap by. */
    private static long memoryKiB() throws IOException {
        long kib = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        List<Path> limitFiles = new java.util.ArrayList<>(List.of(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes")));
        String group = "/";
        for (String line : readOr(Path.of("/proc/self/cgroup"), "").split("\n")) {
            if (line.startsWith("0::/")) {
                group = line.substring(3);
            }
        }
        Path root = Path.of("/sys/fs/cgroup");
        for (Path dir = root.resolve(group.substring(1)).normalize(); dir.startsWith(root); dir = dir.getParent()) {
            limitFiles.add(dir.resolve("memory.max")); // cgroup v2: every level up to the root
        }
        for (Path limitFile : limitFiles) {
            String limit = readOr(limitFile, "").trim();
            if (limit.matches("[0-9]+")) {
                kib = Math.min(kib, Long.parseLong(limit) / 1024);
            }
        }
        return kib;
    }

    private static String readOr(Path file, String otherwise) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : otherwise;
        } catch (IOException e) {
            return otherwise;
        }
    }

    /**
     * The launcher finds its checkout by changing into it and back (no subshell): started through a symbolic
     * link to the checkout, from another directory, a script path relative to that directory still resolves
     * there, and so do the script's own reads of its arguments.
     */
    @Test
    void resolvesRelativePathsAgainstTheCallersDirectory() throws Exception {
        Path work = Files.createTempDirectory("moat-launcher-cwd");
        Path link = work.resolve("checkout");
        try {
            Files.createSymbolicLink(link, HOME);
            Files.createDirectories(work.resolve("sub"));
            Files.writeString(work.resolve("sub/hello.lua"), "print('hello from ' .. arg[0], ...)\n");
            Run r = moatFrom(link.resolve("bin/moat"), work, Map.of(), "sub/hello.lua", "x");
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("hello from sub/hello.lua\tx\n", r.stdout());
            Run missing = moatFrom(link.resolve("bin/moat"), work.resolve("sub"), Map.of(), "sub/hello.lua");
            assertEquals(1, missing.exit(), missing.stdout());
            assertTrue(missing.stderr().contains("cannot open sub/hello.lua"), missing.stderr());
        } finally {
            Files.deleteIfExists(work.resolve("sub/hello.lua"));
            Files.deleteIfExists(work.resolve("sub"));
            Files.deleteIfExists(link);
            Files.deleteIfExists(work);
        }
    }

    @Test
    void interpreterOnlyModeUsesTheSameCache() throws Exception {
        Run r = moat(Map.of("MOAT_NO_JIT", "1", "MOAT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "--stats", "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("42\n", r.stdout());
        assertTrue(r.stderr().contains("engine Interpreted"), "not Truffle's interpreter: " + tail(r.stderr()));
        assertTrue(r.stderr().contains("dev.moat.interpreter.cli.MoatMain source: shared objects file"), tail(r.stderr()));
    }

    /**
     * Interpreter-only, coroutines of generator-shaped bodies run as generator steps too (Truffle's fallback
     * runtime, a separate JVM: the test JVM has the compiling one) and give the goldens' output; coroutines on
     * continuations there too (wrap_error_through_pcall's bodies that yield from nested functions), whose
     * errors re-raised by a wrap named an earlier call's position until ContinuationCall.
     */
    @Test
    void interpreterOnlyCoroutinesRunAsGenerators() throws Exception {
        Path golden = HOME.resolve("tck/src/test/resources/golden");
        for (String script : List.of("coroutines/generator_bails", "coroutines/generator_shapes", "coroutines/generators",
                "lib-coroutine/producer_consumer", "lib-coroutine/wrap_error_through_pcall")) {
            Run r = moatFrom(HOME.resolve("bin/moat"), golden,
                    Map.of("MOAT_NO_JIT", "1", "MOAT_JAVA_OPTS", "-Dpolyglot.log.moat.coroutine.level=FINE"), script + ".moat");
            assertEquals(0, r.exit(), script + ": " + tail(r.stderr()));
            assertEquals(Files.readString(golden.resolve(script + ".out")), r.stdout(), script);
            assertTrue(r.stderr().contains("runs as a generator"), script + " ran no generator: " + tail(r.stderr()));
        }
    }

    @Test
    void aStaleCacheIsLeftOutNotFatal() throws Exception {
        Path cache = RUNTIME.resolve("moat.aot");
        var trained = Files.getLastModifiedTime(cache);
        try {
            // Older than the jars: as if a jar had been rebuilt without retraining.
            Files.setLastModifiedTime(cache, java.nio.file.attribute.FileTime.fromMillis(0));
            Run r = moat(Map.of("MOAT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "--stats", "-e", "print(6 * 7)");
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("42\n", r.stdout());
            assertTrue(r.stderr().contains("engine GraalVM CE"), tail(r.stderr()));
            assertTrue(!r.stderr().contains("MoatMain source: shared objects file") && !r.stderr().contains("[error]"), tail(r.stderr()));
        } finally {
            Files.setLastModifiedTime(cache, trained);
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    }
}
