package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.call.ArgumentsNode;

/** An expression list evaluated to one Object[] of all its values (for {@code return a, b, ...}). */
public final class MultiExpressionNode extends MoatExpressionNode {
    @Child private ArgumentsNode list;

    public MultiExpressionNode(ArgumentsNode list) {
        this.list = list;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return list.evaluate(frame, null);
    }
}
