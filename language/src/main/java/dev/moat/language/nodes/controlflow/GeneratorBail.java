package dev.moat.language.nodes.controlflow;

/**
 * Thrown in a generator step that runs without a continuation of its own (a bare step, see
 * {@link ResumePoints#isBare}) where the step reaches something that might need one: a call of a Lua
 * function, a metamethod, or a builtin that can suspend the coroutine. Nothing of the operation has run
 * yet. The body unwinds to its root like a direct yield, the innermost block on the way recording that its
 * statement is to be run again from its start, and the root runs the rest of the step inside a
 * continuation (see Coroutines). Only bodies whose statements can be run again up to any such point (the
 * translator's GeneratorShape decides) take bare steps.
 *
 * <p>A new instance per bail: it carries whether a block has recorded the restart point yet, and bails are
 * rare.
 */
public final class GeneratorBail extends GeneratorYield {
    private static final long serialVersionUID = 1L;
    /** Set by the first (innermost) block the bail leaves: the statement to run again is that block's. */
    private boolean placed;

    GeneratorBail() {
    }

    /** True the first time: the caller's statement is where the step goes on. */
    boolean place() {
        if (placed) {
            return false;
        }
        placed = true;
        return true;
    }

    /** Whether a block recorded the restart point (if not, the bail left the function's final return). */
    public boolean isPlaced() {
        return placed;
    }
}
