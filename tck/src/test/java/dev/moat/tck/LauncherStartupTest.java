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
        List<String> cmd = new java.util.ArrayList<>(List.of(HOME.resolve("bin/moat").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
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

    @Test
    void interpreterOnlyModeUsesTheSameCache() throws Exception {
        Run r = moat(Map.of("MOAT_NO_JIT", "1", "MOAT_JAVA_OPTS", "-Xlog:class+load=info:stderr"), "--stats", "-e", "print(6 * 7)");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("42\n", r.stdout());
        assertTrue(r.stderr().contains("engine Interpreted"), "not Truffle's interpreter: " + tail(r.stderr()));
        assertTrue(r.stderr().contains("dev.moat.interpreter.cli.MoatMain source: shared objects file"), tail(r.stderr()));
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
