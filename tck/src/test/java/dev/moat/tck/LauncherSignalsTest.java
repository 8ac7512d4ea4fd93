package dev.moat.tck;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/moat stopped by a signal while its script runs: the output the script printed before is written
 * out (Moat buffers it until an evaluation ends, so without the CLI's handling it was lost), Ctrl-C
 * (SIGINT) ends the run as lua's does, with "interrupted!" and a traceback (status 1), and SIGTERM keeps
 * its status (143). The script says it is running through warn on stderr, which Moat writes at once.
 */
class LauncherSignalsTest {
    private static final Path HOME = Path.of(System.getProperty("moat.home", "..")).toAbsolutePath().normalize();
    private static final String SCRIPT = """
            local function spin()
              local x = 0
              while true do x = x + 1 end
            end
            warn("@on")
            warn("running")
            print("printed before")
            io.write("written before")
            spin()
            """;

    @Test
    void sigtermWritesWhatWasPrintedAndKeepsItsStatus() throws Exception {
        Stopped s = runAndSignal("TERM");
        assertEquals(143, s.exit, s.stderr);
        assertEquals("printed before\nwritten before", s.stdout);
    }

    @Test
    void ctrlCInterruptsTheRunAsLuaDoes() throws Exception {
        Stopped s = runAndSignal("INT");
        assertEquals(1, s.exit, s.stderr);
        assertEquals("printed before\nwritten before", s.stdout);
        assertTrue(s.stderr.contains("moat: interrupted!\nstack traceback:\n\tspin.lua:3: in function 'spin'\n\tspin.lua:9: in main chunk\n"),
                s.stderr);
    }

    private record Stopped(int exit, String stdout, String stderr) {
    }

    private static Stopped runAndSignal(String signal) throws Exception {
        Path dir = Files.createTempDirectory("moat-signals");
        Files.writeString(dir.resolve("spin.lua"), SCRIPT);
        Path out = dir.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(HOME.resolve("bin/moat").toString(), "spin.lua").directory(dir.toFile())
                .redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            StringBuilder stderr = new StringBuilder();
            String line;
            while ((line = err.readLine()) != null && !line.contains("running")) {
                stderr.append(line).append('\n'); // a JVM warning, or the launcher's first-run build
            }
            assertTrue(line != null, "the script did not start: " + stderr);
            if (signal.equals("INT")) {
                // A process started in the background by a non-interactive shell (CI) ignores SIGINT, and so
                // do its children: Ctrl-C cannot reach it there, as no terminal can send one.
                Assumptions.assumeFalse(ignores(p.pid(), 2), "SIGINT is ignored in this process tree");
            }
            // bash's own kill (bin/moat needs bash anyway; /bin/kill is not on every machine)
            assertEquals(0, new ProcessBuilder("bash", "-c", "kill -" + signal + " " + p.pid()).start().waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bin/moat did not stop after SIG" + signal);
            stderr.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            return new Stopped(p.exitValue(), Files.readString(out), stderr.toString());
        } finally {
            p.destroyForcibly();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Whether process {@code pid} ignores signal {@code number} (the SigIgn mask of /proc/PID/status). */
    private static boolean ignores(long pid, int number) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
