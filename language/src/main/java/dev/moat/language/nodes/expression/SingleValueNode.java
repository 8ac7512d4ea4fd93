package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MultiValue;

/** {@code (f())}: parentheses adjust a multi-valued expression to exactly one value. */
public final class SingleValueNode extends MoatExpressionNode {
    @Child private MoatExpressionNode expression;

    public SingleValueNode(MoatExpressionNode expression) {
        this.expression = expression;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return MultiValue.first(expression.execute(frame));
    }
}
