package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;

/** A {@code return} nested in a block or loop: unwinds to the function root with its result. */
public final class ReturnNode extends MoatStatementNode {
    @Child private MoatExpressionNode result;

    public ReturnNode(MoatExpressionNode result) {
        this.result = result;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        // Only reached if a statement container does not propagate results; the root catches it.
        throw new ReturnException(result.execute(frame));
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        return result.execute(frame);
    }
}
