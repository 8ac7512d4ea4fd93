package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;

/** A call used as a statement; its results are discarded. */
public final class ExpressionStatementNode extends MoatStatementNode {
    @Child private MoatExpressionNode expression;

    public ExpressionStatementNode(MoatExpressionNode expression) {
        this.expression = expression;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        expression.execute(frame);
    }
}
