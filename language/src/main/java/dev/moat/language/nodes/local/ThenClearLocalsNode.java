package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * A value, after which dead slots end: a repeat-until condition, which is the last reader of its body's
 * locals (see ClearLocalsNode).
 */
public final class ThenClearLocalsNode extends MoatExpressionNode {
    @Child private MoatExpressionNode value;
    @Child private ClearLocalsNode clear;

    public ThenClearLocalsNode(MoatExpressionNode value, ClearLocalsNode clear) {
        this.value = value;
        this.clear = clear;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object result = value.execute(frame);
        clear.executeVoid(frame);
        return result;
    }
}
