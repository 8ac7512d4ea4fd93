package dev.moat.language.nodes.local;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/** Reads a hidden Object slot written by {@link TempWriteNode}. */
public final class TempReadNode extends MoatExpressionNode {
    private final int slot;

    public TempReadNode(int slot) {
        this.slot = slot;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return frame.getObject(slot);
    }
}
