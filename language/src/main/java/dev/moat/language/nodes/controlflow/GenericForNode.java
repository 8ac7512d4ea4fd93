package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MultiValue;

/**
 * The generic {@code for k, v in explist}: the iterator function, state and control value (and Lua
 * 5.4's optional fourth, to-be-closed value) live in hidden slots; each iteration calls the iterator,
 * stops at a nil first result, and declares the loop variables afresh from the results.
 */
public final class GenericForNode extends MoatStatementNode {
    @Child private MoatExpressionNode explist;
    @Child private LoopNode loop;
    @Child private CloseHelper closer = new CloseHelper();
    private final BranchProfile closingValue = BranchProfile.create();
    private final int functionSlot;
    private final int stateSlot;
    private final int controlSlot;

    public GenericForNode(MoatExpressionNode explist, MoatStatementNode body, int functionSlot, int stateSlot,
                          int controlSlot, int resultsSlot) {
        this.explist = explist;
        this.functionSlot = functionSlot;
        this.stateSlot = stateSlot;
        this.controlSlot = controlSlot;
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, functionSlot, stateSlot, controlSlot, resultsSlot));
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        Object values = explist.execute(frame);
        frame.setObject(functionSlot, MultiValue.get(values, 0));
        frame.setObject(stateSlot, MultiValue.get(values, 1));
        frame.setObject(controlSlot, MultiValue.get(values, 2));
        Object closing = MultiValue.get(values, 3);
        if (closing == MoatNil.NIL) {
            return loopResult(loop.execute(frame));
        }
        // Profiled, so that a loop that never had a closing value is compiled once, not twice.
        closingValue.enter();
        closer.checkClosable(closing, "(for state)", this);
        return loopResult(closer.runThenClose(frame, closing, loop));
    }

    private static Object loopResult(Object r) {
        return r == RepeatingNode.BREAK_LOOP_STATUS ? null : r;
    }

    private static final class Body extends Node implements RepeatingNode {
        @Child private MoatStatementNode body;
        @Child private InvokeNode invoke = InvokeNode.create();
        private final int functionSlot;
        private final int stateSlot;
        private final int controlSlot;
        private final int resultsSlot;

        Body(MoatStatementNode body, int functionSlot, int stateSlot, int controlSlot, int resultsSlot) {
            this.body = body;
            this.functionSlot = functionSlot;
            this.stateSlot = stateSlot;
            this.controlSlot = controlSlot;
            this.resultsSlot = resultsSlot;
        }

        @Override
        public boolean executeRepeating(VirtualFrame frame) {
            return executeRepeatingWithValue(frame) == CONTINUE_LOOP_STATUS;
        }

        @Override
        public Object executeRepeatingWithValue(VirtualFrame frame) {
            MoatContext.get(this).budget.charge(1, this);
            Object[] argv = new Object[]{null, frame.getObject(stateSlot), frame.getObject(controlSlot)};
            Object results = invoke.call(frame.getObject(functionSlot), argv, this, "for iterator 'for iterator'");
            Object first = MultiValue.first(results);
            if (first == MoatNil.NIL) {
                return BREAK_LOOP_STATUS;
            }
            frame.setObject(controlSlot, first);
            frame.setObject(resultsSlot, results);
            try {
                Object result = body.runReturning(frame);
                if (result != null) {
                    return result;
                }
            } catch (BreakException e) {
                return BREAK_LOOP_STATUS;
            }
            return CONTINUE_LOOP_STATUS;
        }
    }
}
