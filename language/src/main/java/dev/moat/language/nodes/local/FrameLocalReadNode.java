package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Reads an uncaptured local from its frame slot. Specialised on the slot's current tag so that integer
 * and float locals stay unboxed in compiled loops.
 */
public abstract class FrameLocalReadNode extends MoatExpressionNode {
    protected final int slot;

    protected FrameLocalReadNode(int slot) {
        this.slot = slot;
    }

    @Specialization(guards = "frame.isLong(slot)")
    protected long doLong(VirtualFrame frame) {
        return frame.getLong(slot);
    }

    @Specialization(guards = "frame.isDouble(slot)")
    protected double doDouble(VirtualFrame frame) {
        return frame.getDouble(slot);
    }

    @Specialization(replaces = {"doLong", "doDouble"})
    protected Object doObject(VirtualFrame frame) {
        if (!frame.isObject(slot)) {
            CompilerDirectives.transferToInterpreter();
            Object value = frame.getValue(slot);
            frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
            frame.setObject(slot, value);
            return value;
        }
        return frame.getObject(slot);
    }
}
