package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.Cell;

/**
 * Assigns to a local, or declares it ({@code declare}: a captured local in a Cell then gets a fresh
 * {@link Cell}, which is what makes closures created in a loop see one variable per iteration; one
 * captured by value is copied by each closure made after its declaration, see LocalVar).
 */
public final class LocalWriteNode extends MoatStatementNode {
    private final LocalVar var;
    private final boolean declare;
    @Child private MoatExpressionNode value;
    @Child private MoatStatementNode writer;

    public LocalWriteNode(LocalVar var, MoatExpressionNode value, boolean declare) {
        this.var = var;
        this.value = value;
        this.declare = declare;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        if (writer == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            MoatExpressionNode v = value;
            value = null;
            if (!var.captured) {
                writer = insert(FrameLocalWriteNodeGen.create(var.slot, v));
            } else if (var.byValue() && declare && var.localFunction) {
                // A local function's nil before its closure is made: the assignment that follows is its declaration.
                writer = insert(FrameLocalWriteNodeGen.create(var.slot, v));
            } else if (var.byValue()) {
                // Only declarations write it; each is counted for the folding of its reads (DeclaredOnce).
                writer = insert(new ValueDeclareNode(FrameLocalWriteNodeGen.create(var.slot, v), var.declaredOnce));
            } else if (declare) {
                writer = insert(new CellDeclareNode(var.slot, v, var.declaredOnce));
            } else {
                writer = insert(new CellWriteNode(var.slot, v));
            }
        }
        writer.executeVoid(frame);
    }

    static final class CellDeclareNode extends MoatStatementNode {
        private final int slot;
        @Child private MoatExpressionNode value;
        private final DeclaredOnce declaredOnce;

        CellDeclareNode(int slot, MoatExpressionNode value, DeclaredOnce declaredOnce) {
            this.slot = slot;
            this.value = value;
            this.declaredOnce = declaredOnce;
        }

        @Override
        public void executeVoid(VirtualFrame frame) {
            Object v = value.execute(frame);
            declaredOnce.declaring(this);
            frame.getFrameDescriptor().setSlotKind(slot, FrameSlotKind.Object);
            frame.setObject(slot, new Cell(v));
        }
    }

    /** Declares a local captured by value: a frame write, counted. */
    static final class ValueDeclareNode extends MoatStatementNode {
        @Child private MoatStatementNode write;
        private final DeclaredOnce declaredOnce;

        ValueDeclareNode(MoatStatementNode write, DeclaredOnce declaredOnce) {
            this.write = write;
            this.declaredOnce = declaredOnce;
        }

        @Override
        public void executeVoid(VirtualFrame frame) {
            write.executeVoid(frame);
            declaredOnce.declaring(this);
        }
    }

    static final class CellWriteNode extends MoatStatementNode {
        private final int slot;
        @Child private MoatExpressionNode value;

        CellWriteNode(int slot, MoatExpressionNode value) {
            this.slot = slot;
            this.value = value;
        }

        @Override
        public void executeVoid(VirtualFrame frame) {
            Object v = value.execute(frame);
            ((Cell) frame.getObject(slot)).value = v;
        }
    }
}
