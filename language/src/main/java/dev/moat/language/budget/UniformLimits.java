package dev.moat.language.budget;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.Truffle;

/**
 * The limits of the first context made in this JVM, and whether it meters at all ({@code moat.Metering},
 * off only for overhead measurements), as compilation constants while every later context has the same. A host usually configures one set of limits for all its runs; an engine shared by
 * those runs' contexts compiles code that all of them execute, where a limit read from the running
 * context's budget is a load in front of every limit test and call (closures 11 %, fib 3 % under code
 * sharing with limits set). With one context per engine the budget is a constant and its limits fold
 * anyway. The first context whose limits differ invalidates the assumption for good: code compiled with
 * the constants is thrown away, and from then on every budget reads its own limits.
 *
 * <p>Only the host's configuration lives here, never a count or anything a script can influence: the same
 * for every context that shares it.
 */
final class UniformLimits {
    private static final UniformLimits FIRST = new UniformLimits();
    private static final Assumption SAME_LIMITS = Truffle.getRuntime().createAssumption("every Moat context has the same limits");

    @CompilationFinal private long instructions;
    @CompilationFinal private long memory;
    @CompilationFinal private int depth;
    @CompilationFinal private boolean metering;
    private boolean recorded;

    private UniformLimits() {
    }

    /** Notes a new context's limits (before any of its code runs). */
    static void record(long instructions, long memory, int depth, boolean metering) {
        synchronized (FIRST) {
            if (!FIRST.recorded) {
                FIRST.instructions = instructions;
                FIRST.memory = memory;
                FIRST.depth = depth;
                FIRST.metering = metering;
                FIRST.recorded = true;
            } else if (FIRST.instructions != instructions || FIRST.memory != memory || FIRST.depth != depth
                    || FIRST.metering != metering) {
                SAME_LIMITS.invalidate();
            }
        }
    }

    /** Whether every context so far has had the first context's limits (a constant in compiled code). */
    static boolean hold() {
        return SAME_LIMITS.isValid();
    }

    static long instructions() {
        return FIRST.instructions;
    }

    static long memory() {
        return FIRST.memory;
    }

    static int depth() {
        return FIRST.depth;
    }

    static boolean metering() {
        return FIRST.metering;
    }
}
