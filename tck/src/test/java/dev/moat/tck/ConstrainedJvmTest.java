package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SECURITY.md F6/E1 on a constrained JVM: the moat CLI under -Xss256k and a small heap still ends deep
 * recursion with a clean "stack overflow" and memory bombs with the memory budget — never a JVM
 * StackOverflowError or OutOfMemoryError, never a Java stack trace.
 */
class ConstrainedJvmTest {
    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run moat(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xss256k", "-Xmx128m",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "dev.moat.interpreter.cli.MoatMain"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void deepRecursionUnderSmallStack() throws Exception {
        Run r = moat("-e", "local function f(n) return 1 + f(n + 1) end print(pcall(f, 1)) f(1)");
        assertTrue(r.stdout().startsWith("false\t(command line):1: stack overflow"), r.stdout());
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("stack overflow"), r.stderr());
        assertFalse(r.stderr().contains("java.lang"), r.stderr());
    }

    @Test
    void memoryBombUnderSmallHeap() throws Exception {
        Run r = moat("--max-memory=32m", "-e", "local t = {} local s = ('x'):rep(1000) for i = 1, 1e9 do t[i] = s .. i end");
        assertEquals(3, r.exit(), r.stderr());
        assertTrue(r.stderr().startsWith("moat: memory budget exhausted"), r.stderr());
        assertFalse(r.stderr().contains("OutOfMemoryError"), r.stderr());
    }
}
