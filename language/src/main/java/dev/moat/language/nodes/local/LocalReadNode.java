package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.Cell;

/**
 * Reads a local variable. Whether it lives in a frame slot or in a {@link Cell} is only known once its
 * function is fully translated (see LocalVar), so the concrete reader is chosen on first execution.
 */
public final class LocalReadNode extends MoatExpressionNode {
    private final LocalVar var;
    @Child private MoatExpressionNode reader;

    public LocalReadNode(LocalVar var) {
        this.var = var;
    }

    public LocalVar getVar() {
        return var;
    }

    private MoatExpressionNode reader() {
        if (reader == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            reader = insert(var.inCell() ? new CellReadNode(var.slot) : FrameLocalReadNodeGen.create(var.slot));
        }
        return reader;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return reader().execute(frame);
    }

    @Override
    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        return reader().executeLong(frame);
    }

    @Override
    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        return reader().executeDouble(frame);
    }

    static final class CellReadNode extends MoatExpressionNode {
        private final int slot;

        CellReadNode(int slot) {
            this.slot = slot;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return ((Cell) frame.getObject(slot)).value;
        }
    }
}
