package dev.moat.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * A statement. {@link #runReturning} is how blocks run their statements: it returns null when the
 * statement completes normally and the function's result when a {@code return} ran inside it, so
 * returns travel as values (no exception per call). Break and goto use control-flow exceptions.
 */
public abstract class MoatStatementNode extends MoatNode {
    public abstract void executeVoid(VirtualFrame frame);

    /** Runs the statement; null normally, or the result of a {@code return} executed within it. */
    public Object runReturning(VirtualFrame frame) {
        executeVoid(frame);
        return null;
    }
}
