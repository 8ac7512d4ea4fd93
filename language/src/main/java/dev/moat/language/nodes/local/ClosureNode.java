package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatFunction;

/**
 * A function expression: creates a closure over the current frame. Each upvalue is either a captured
 * local of this frame (its Cell) or one of the running closure's own upvalues.
 */
public final class ClosureNode extends MoatExpressionNode {
    private final RootCallTarget target;
    @CompilationFinal(dimensions = 1) private final int[] fromLocalSlot;   // -1 if from enclosing upvalue
    @CompilationFinal(dimensions = 1) private final int[] fromUpvalue;

    public ClosureNode(RootCallTarget target, int[] fromLocalSlot, int[] fromUpvalue) {
        this.target = target;
        this.fromLocalSlot = fromLocalSlot;
        this.fromUpvalue = fromUpvalue;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        MoatContext.get(this).budget.allocate(SizeModel.closure(fromLocalSlot.length), this);
        Cell[] cells = new Cell[fromLocalSlot.length];
        for (int i = 0; i < cells.length; i++) {
            if (fromLocalSlot[i] >= 0) {
                cells[i] = (Cell) frame.getObject(fromLocalSlot[i]);
            } else {
                cells[i] = ((MoatFunction) frame.getArguments()[0]).upvalues[fromUpvalue[i]];
            }
        }
        return new MoatFunction(target, cells, true);
    }
}
