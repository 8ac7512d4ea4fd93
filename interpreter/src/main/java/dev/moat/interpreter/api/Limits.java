package dev.moat.interpreter.api;

import java.time.Duration;

/**
 * The budgets of one run. {@link #defaults()} are the sandbox defaults of SECURITY.md; 0 means
 * unlimited for the metered budgets (the CLI's default). The timeout is a wall-clock safety net.
 */
public record Limits(long instructions, long memoryBytes, long outputBytes, int callDepth, Duration timeout) {
    public static Limits defaults() {
        return new Limits(10_000_000L, 64L << 20, 64L << 10, 1_000, Duration.ofSeconds(1));
    }

    public static Limits unlimited() {
        return new Limits(0, 0, 0, 200_000, Duration.ZERO);
    }

    public Limits withInstructions(long n) {
        return new Limits(n, memoryBytes, outputBytes, callDepth, timeout);
    }

    public Limits withMemory(long bytes) {
        return new Limits(instructions, bytes, outputBytes, callDepth, timeout);
    }

    public Limits withOutput(long bytes) {
        return new Limits(instructions, memoryBytes, bytes, callDepth, timeout);
    }

    public Limits withCallDepth(int depth) {
        return new Limits(instructions, memoryBytes, outputBytes, depth, timeout);
    }

    public Limits withTimeout(Duration t) {
        return new Limits(instructions, memoryBytes, outputBytes, callDepth, t);
    }
}
