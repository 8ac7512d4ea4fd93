package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;

/** Parks a value (possibly a multi-value array) in a hidden Object slot. */
public final class TempWriteNode extends MoatStatementNode {
    private final int slot;
    @Child private MoatExpressionNode value;

    public TempWriteNode(int slot, MoatExpressionNode value) {
        this.slot = slot;
        this.value = value;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        frame.setObject(slot, value.execute(frame));
    }
}
