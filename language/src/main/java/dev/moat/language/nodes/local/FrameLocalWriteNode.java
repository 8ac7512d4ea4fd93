package dev.moat.language.nodes.local;

import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * Writes an uncaptured local. The slot kind is speculated from the first values stored (long, then
 * double) and generalises to Object once a different type arrives.
 */
@NodeChild(value = "valueNode", type = MoatExpressionNode.class)
public abstract class FrameLocalWriteNode extends MoatStatementNode {
    protected final int slot;

    protected FrameLocalWriteNode(int slot) {
        this.slot = slot;
    }

    @Specialization(guards = "isKind(frame, LONG)")
    protected void doLong(VirtualFrame frame, long value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Long);
        frame.setLong(slot, value);
    }

    @Specialization(guards = "isKind(frame, DOUBLE)")
    protected void doDouble(VirtualFrame frame, double value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Double);
        frame.setDouble(slot, value);
    }

    @Specialization(replaces = {"doLong", "doDouble"})
    protected void doObject(VirtualFrame frame, Object value) {
        frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
        frame.setObject(slot, value);
    }

    protected static final FrameSlotKind LONG = FrameSlotKind.Long;
    protected static final FrameSlotKind DOUBLE = FrameSlotKind.Double;

    protected boolean isKind(VirtualFrame frame, FrameSlotKind kind) {
        FrameSlotKind current = frame.getFrameDescriptor().getSlotKind(slot);
        return current == kind || current == FrameSlotKind.Illegal;
    }
}
