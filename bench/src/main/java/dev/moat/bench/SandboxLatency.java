package dev.moat.bench;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Script;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Measures two costs of the sandbox that a host pays on every request (see bench/README.md):
 * <ol>
 * <li>context creation plus a tiny script: {@code script.run} of {@code return 1+1} (a fresh context each
 * time), median and p99 over 1000 runs after a warm-up of 10,000 (see also the JMH {@code ContextBenchmark});</li>
 * <li>timeout latency: a {@code while true do end} script with a 50 ms timeout, actual time until the
 * MoatException minus 50 ms, p50 and p99 over 100 runs.</li>
 * </ol>
 * Arguments (optional): runs for (1) and runs for (2).
 */
public final class SandboxLatency {
    private static final int WARM_UP_RUNS = 10_000;

    private SandboxLatency() {
    }

    public static void main(String[] args) {
        int tinyRuns = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int timeoutRuns = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults()).build()) {
            tinyScript(engine, tinyRuns);
            timeoutLatency(engine, timeoutRuns);
        }
    }

    private static void tinyScript(MoatEngine engine, int runs) {
        Script tiny = engine.compile("tiny.moat", "return 1+1");
        // Warm-up: class loading, and HotSpot compiling the context set-up paths with C2, which takes thousands
        // of contexts (after 500 the median was 1.4 ms, after 10,000 0.18 ms: bench/README.md).
        for (int i = 0; i < Math.max(WARM_UP_RUNS, runs / 2); i++) {
            tiny.run();
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object v = tiny.run().value();
            micros[i] = (System.nanoTime() - start) / 1_000;
            if (!Long.valueOf(2).equals(v)) {
                throw new IllegalStateException("unexpected result " + v);
            }
        }
        System.out.printf("context + 'return 1+1' (%d runs after warm-up): median %.3f ms, p99 %.3f ms%n",
                runs, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0);
    }

    private static void timeoutLatency(MoatEngine engine, int runs) {
        Script spin = engine.compile("spin.moat", "while true do end");
        Limits limits = Limits.defaults().withInstructions(0).withTimeout(Duration.ofMillis(50));
        for (int i = 0; i < 5; i++) {
            expectTimeout(spin, limits); // warm-up
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            micros[i] = expectTimeout(spin, limits) - 50_000;
        }
        System.out.printf("timeout latency beyond 50 ms in 'while true do end' (%d runs): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                runs, percentile(micros, 50) / 1000.0, percentile(micros, 99) / 1000.0,
                Arrays.stream(micros).max().orElse(0) / 1000.0);
    }

    /** Runs the spinning script and returns the microseconds until its TIMEOUT reached the host. */
    private static long expectTimeout(Script spin, Limits limits) {
        long start = System.nanoTime();
        try {
            spin.run(Map.of(), limits);
        } catch (MoatException e) {
            if (e.kind() != MoatException.Kind.TIMEOUT) {
                throw new IllegalStateException("expected TIMEOUT, got " + e);
            }
            return (System.nanoTime() - start) / 1_000;
        }
        throw new IllegalStateException("the spinning script returned");
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
