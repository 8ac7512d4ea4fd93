package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;

/**
 * A function expression: creates a closure over the current frame. Each upvalue is either a captured
 * local of this frame (its Cell, or its value for a local captured by value, see LocalVar) or one of the
 * running closure's own upvalues (copied as it is), or, where that upvalue is the running function's own
 * {@code local function} name held by value, the running closure itself: the running closure's copy of
 * its own name was taken before the name was assigned (nil), see LocalVar.
 */
public final class ClosureNode extends MoatExpressionNode {
    private final RootCallTarget target;
    /** The captured local of this frame per upvalue; null where the upvalue is one of the running closure's. */
    private final LocalVar[] fromLocal;
    @CompilationFinal(dimensions = 1) private final int[] fromUpvalue;
    /**
     * Per upvalue taken from the running closure: the running function's {@code local function} local where
     * that upvalue is it (its own name), else null.
     */
    private final LocalVar[] runningSelf;
    /** Per upvalue what goes into the new closure; chosen on first execution, when the locals' flags are final. */
    @Children private MoatExpressionNode[] captures;

    public ClosureNode(RootCallTarget target, LocalVar[] fromLocal, int[] fromUpvalue, LocalVar[] runningSelf) {
        this.target = target;
        this.fromLocal = fromLocal;
        this.fromUpvalue = fromUpvalue;
        this.runningSelf = runningSelf;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        if (captures == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            captures = insert(makeCaptures());
        }
        MoatContext.get(this).budget.allocate(SizeModel.closure(fromUpvalue.length), this);
        MoatExpressionNode[] cs = captures;
        Object[] upvalues = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            upvalues[i] = cs[i].execute(frame);
        }
        return new MoatFunction(target, upvalues, true);
    }

    private MoatExpressionNode[] makeCaptures() {
        MoatExpressionNode[] cs = new MoatExpressionNode[fromUpvalue.length];
        for (int i = 0; i < cs.length; i++) {
            LocalVar local = fromLocal[i];
            if (local == null && runningSelf[i] != null && runningSelf[i].byValue()) {
                cs[i] = new RunningClosureNode();
            } else if (local == null) {
                cs[i] = new OuterUpvalueNode(fromUpvalue[i]);
            } else if (local.byValue()) {
                cs[i] = FrameLocalReadNodeGen.create(local.slot);
            } else {
                cs[i] = new SlotObjectNode(local.slot);
            }
        }
        return cs;
    }

    /** The Cell in a captured local's slot. */
    static final class SlotObjectNode extends MoatExpressionNode {
        private final int slot;

        SlotObjectNode(int slot) {
            this.slot = slot;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return frame.getObject(slot);
        }
    }

    /** Upvalue {@code index} of the running closure, Cell or value, shared with the new closure as it is. */
    static final class OuterUpvalueNode extends MoatExpressionNode {
        private final int index;

        OuterUpvalueNode(int index) {
            this.index = index;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return ((MoatFunction) frame.getArguments()[0]).upvalues[index];
        }
    }

    /** The running closure (argument 0 of the frame): the running {@code local function}'s own name, see LocalVar. */
    static final class RunningClosureNode extends MoatExpressionNode {
        @Override
        public Object execute(VirtualFrame frame) {
            return frame.getArguments()[0];
        }
    }
}
