package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MultiValue;

/** Value {@code index} of a multi-value result parked in a hidden frame slot (multiple assignment). */
public final class MultiValueGetNode extends MoatExpressionNode {
    private final int slot;
    private final int index;

    public MultiValueGetNode(int slot, int index) {
        this.slot = slot;
        this.index = index;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return MultiValue.get(frame.getObject(slot), index);
    }
}
