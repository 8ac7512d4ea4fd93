package dev.moat.language.budget;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;

/**
 * The meters of one context. Counters are plain fields (one context runs on one thread at a time).
 *
 * <p>Cost model (deterministic, defined by the language, not the JIT): each executed block charges its
 * number of statements once on entry, each loop iteration charges 1, each call charges 1, and builtins
 * charge in proportion to their work. Where two charges always follow each other with nothing observable
 * between them (a loop iteration and its body block, a call and the function's body block) the nodes pay
 * them in one update: the same count, one limit test. Allocation is charged in bytes before the allocation happens.
 * Limits of {@link Long#MAX_VALUE} mean unlimited.
 *
 * <p>Where the instruction limit is tested: at loop iterations, calls, builtins' work and the end of a run
 * ({@link #charge}, {@link #checkLimit}); block entries only {@link #count}, and so does a call expression's
 * call of a <em>leaf</em> function (one without calls, see LeafFunctions) or of a builtin: the leaf runs
 * only straight-line code and loops that test, a builtin tests its own work, and the caller tests at its
 * next iteration, call or end. Calls the calling code cannot see in its text (a metamethod, a builtin's
 * callback) test before the callee runs (DispatchNode#testsLimit), so recursion through metamethods is
 * tested at every level. Between two tests a run therefore executes a bounded amount of code, fixed by
 * the program's text, so a run stops a bounded number of instructions past its limit, at a point fixed by
 * the program, and a run completes only if its whole count is within the limit. Compiled code then has no
 * limit test (a compare and a deoptimising branch with its own frame state) in each {@code if} body, nor
 * in a leaf inlined into a loop.
 */
public final class Budget {
    private long instructions;
    private final long instructionLimit;
    private long allocated;
    private final long memoryLimit;
    private long output;
    private final long outputLimit;
    /** The deepest call level a run may reach (Lua's catchable "stack overflow" beyond it; see LuaFunctionRoot). */
    private final int depthLimit;
    private BudgetExhaustedException exhausted;
    /** False only for overhead measurements (option moat.Metering=false): nothing is counted. */
    private final boolean metering;

    public Budget(long instructionLimit, long memoryLimit, long outputLimit) {
        this(instructionLimit, memoryLimit, outputLimit, Integer.MAX_VALUE, true);
    }

    public Budget(long instructionLimit, long memoryLimit, long outputLimit, boolean metering) {
        this(instructionLimit, memoryLimit, outputLimit, Integer.MAX_VALUE, metering);
    }

    public Budget(long instructionLimit, long memoryLimit, long outputLimit, int depthLimit, boolean metering) {
        this.instructionLimit = instructionLimit;
        this.memoryLimit = memoryLimit;
        this.outputLimit = outputLimit;
        this.depthLimit = depthLimit;
        this.metering = metering;
        UniformLimits.record(instructionLimit, memoryLimit, depthLimit, metering);
    }

    /**
     * Whether this budget counts: a constant in compiled code while every context has the same setting (see
     * UniformLimits). Code an engine shares between contexts would otherwise load and test the running
     * context's flag at every charge, count, allocation and call (closures 15 %, fib 8 % slower).
     */
    public boolean meters() {
        return UniformLimits.hold() ? UniformLimits.metering() : metering;
    }

    /** The instruction limit: a constant in compiled code while every context has the same (see UniformLimits). */
    private long instructionLimit() {
        return UniformLimits.hold() ? UniformLimits.instructions() : instructionLimit;
    }

    private long memoryLimit() {
        return UniformLimits.hold() ? UniformLimits.memory() : memoryLimit;
    }

    /** The deepest call level allowed; a constant in compiled code while every context has the same. */
    public int depthLimit() {
        return UniformLimits.hold() ? UniformLimits.depth() : depthLimit;
    }

    /** Charges {@code n} instructions; throws once the limit is passed (and forever after). */
    public void charge(long n, Node location) {
        if (!meters()) {
            return;
        }
        long used = instructions + n;
        instructions = used;
        if (used > instructionLimit()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            throw exhaust(BudgetKind.INSTRUCTIONS, instructionLimit, location);
        }
    }

    /** Counts {@code n} instructions without testing the limit (block entries; see the class comment). */
    public void count(long n) {
        if (meters()) {
            instructions += n;
        }
    }

    /**
     * Tests the limit without charging: at the end of a run (a run whose count went past the limit fails
     * even if no later test saw it) and before a metamethod or callback runs a leaf function.
     */
    public void checkLimit(Node location) {
        if (meters() && instructions > instructionLimit()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            throw exhaust(BudgetKind.INSTRUCTIONS, instructionLimit, location);
        }
    }

    /** Charges {@code bytes} of guest allocation before it happens. */
    public void allocate(long bytes, Node location) {
        if (!meters()) {
            return;
        }
        long used = allocated + bytes;
        if (used < 0 || used > memoryLimit()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            allocated = memoryLimit;
            throw exhaust(BudgetKind.MEMORY, memoryLimit, location);
        }
        allocated = used;
    }

    /** Charges bytes written to the output sink. */
    public void output(long bytes, Node location) {
        long used = output + bytes;
        if (used < 0 || used > outputLimit) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            throw exhaust(BudgetKind.OUTPUT, outputLimit, location);
        }
        output = used;
    }

    private BudgetExhaustedException exhaust(BudgetKind kind, long limit, Node location) {
        if (exhausted == null) {
            exhausted = new BudgetExhaustedException(kind, kind.prefix + " (limit " + limit + ")", location);
        }
        return new BudgetExhaustedException(exhausted.getKind(), exhausted.getMessage(), location);
    }

    /** True once any hard budget ran out; the context must not run guest code again. */
    public boolean isExhausted() {
        return exhausted != null;
    }

    public long instructionsUsed() {
        return instructions;
    }

    public long bytesAllocated() {
        return allocated;
    }

    public long outputBytes() {
        return output;
    }
}
