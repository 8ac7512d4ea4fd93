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
        throw new ReturnException(result.execute(frame));
    }
}
