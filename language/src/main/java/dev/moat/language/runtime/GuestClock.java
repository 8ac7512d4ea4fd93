package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.moat.language.budget.Budget;

/**
 * The only clocks a script can read (os.time, os.date, os.clock) and the initial random seed. A host
 * that wants deterministic runs fixes the time and the seed (options moat.FixedTime, moat.RandomSeed):
 * then os.time() is that instant and os.clock() is virtual CPU time, one nanosecond per instruction
 * charged, so the same script and input give the same output on every machine.
 */
public final class GuestClock {
    private static final long JVM_START = System.nanoTime();

    private final Long fixedEpochSeconds;
    private final Long randomSeed;

    public GuestClock(String fixedTime, String randomSeed) {
        this.fixedEpochSeconds = parse(fixedTime, "moat.FixedTime");
        this.randomSeed = parse(randomSeed, "moat.RandomSeed");
    }

    private static Long parse(String option, String name) {
        if (option == null || option.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(option.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + option + "'");
        }
    }

    public boolean isFixed() {
        return fixedEpochSeconds != null;
    }

    /** Seconds since the epoch, for os.time() and os.date() without a time argument. */
    @TruffleBoundary
    public long epochSeconds() {
        return fixedEpochSeconds != null ? fixedEpochSeconds : System.currentTimeMillis() / 1000;
    }

    /**
     * os.clock(): with a fixed clock, instructions charged so far as nanoseconds; otherwise seconds since
     * the JVM started (Lua's clock() is process CPU time, which on the JVM would include compiler and GC
     * threads, so elapsed time is the honest measure here).
     */
    @TruffleBoundary
    public double cpuSeconds(Budget budget) {
        if (fixedEpochSeconds != null) {
            return budget.instructionsUsed() / 1e9;
        }
        return (System.nanoTime() - JVM_START) / 1e9;
    }

    /**
     * A seed for math.random: the host's fixed seed, else one from the clock (as Lua seeds a new state
     * and math.randomseed() without arguments).
     */
    @TruffleBoundary
    public long randomSeed() {
        return randomSeed != null ? randomSeed : System.nanoTime() ^ System.currentTimeMillis();
    }
}
