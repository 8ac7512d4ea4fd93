package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * The rest of a block after {@code local x <close> = v}: runs it, then closes {@code x}
 * (see {@link CloseHelper}). Nested declarations nest these nodes, so values close in reverse order.
 */
public final class CloseScopeNode extends MoatStatementNode {
    @Child private MoatExpressionNode variable;
    @Child private MoatStatementNode rest;
    @Child private CloseHelper closer = new CloseHelper();
    private final String name;

    public CloseScopeNode(MoatExpressionNode variable, String name, MoatStatementNode rest) {
        this.variable = variable;
        this.name = name;
        this.rest = rest;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        Object value = variable.execute(frame);
        closer.checkClosable(value, name, this);
        return closer.runThenClose(frame, value, rest);
    }
}
