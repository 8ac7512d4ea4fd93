package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.TaggedNumber;

/**
 * Writes an uncaptured local that has held integers and floats ({@code local dx = p.x - q.x} over points
 * with integer and decimal coordinates). A {@link FrameLocalWriteNode} replaces itself with this node when a
 * number of the other subtype arrives at its slot: the value comes from its node as a {@link TaggedNumber}
 * and is stored unboxed, under the frame tag of its subtype, where the Object slot this local used to
 * generalise to took a {@code Long} or {@code Double} box that compiled code allocated on every write (the
 * merge of both boxes). Readers follow the frame's tag (FrameLocalReadNode, whose executeTagged hands the
 * number on unboxed). A slot that some other write made an Object slot gets boxes; a value that is not a
 * number makes it one and puts the typed writer back.
 */
public final class NumberLocalWriteNode extends MoatStatementNode {
    private final int slot;
    @Child private MoatExpressionNode value;

    NumberLocalWriteNode(int slot, MoatExpressionNode value) {
        this.slot = slot;
        this.value = value;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        TaggedNumber n;
        try {
            n = value.executeTagged(frame);
        } catch (UnexpectedResultException e) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
            frame.setObject(slot, e.getResult());
            replace(FrameLocalWriteNodeGen.create(slot, value), "a value that is not a number");
            return;
        }
        if (frame.getFrameDescriptor().getSlotKind(slot) == FrameSlotKind.Object) {
            frame.setObject(slot, n.box()); // readers there expect boxes
        } else if (n.isFloat) {
            frame.setDouble(slot, n.asDouble());
        } else {
            frame.setLong(slot, n.bits);
        }
    }
}
