package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
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
        // Pins the computation of the value at the assignment, in source order. Graal otherwise schedules a
        // loop's float arithmetic in an order of its own, new values are born while the old ones they replace
        // are still live, the loop phis' registers permute, and the linear-scan allocator breaks the cycle
        // through a stack slot on the critical path (mandelbrot 0.72 -> 0.48 s; bench/README.md,
        // "Float locals assigned in source order"). Longs measured worse (spectralnorm, strings): doubles only.
        CompilerDirectives.blackhole(value);
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
