package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.MoatContext;
import dev.moat.language.coroutine.MoatCoroutine;
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
    private final int resumePoint;

    public GenericForNode(MoatExpressionNode explist, MoatStatementNode body, int functionSlot, int stateSlot,
                          int controlSlot, int resultsSlot) {
        this(explist, body, functionSlot, stateSlot, controlSlot, resultsSlot, -1);
    }

    /**
     * With {@code resumePoint} >= 0, a loop of a generator body that a yield in its body can suspend. A
     * to-be-closed fourth value must be closed when the loop ends, not when a generator step unwinds, so
     * while one is open the coroutine yields by switching stacks instead.
     */
    public GenericForNode(MoatExpressionNode explist, MoatStatementNode body, int functionSlot, int stateSlot,
                          int controlSlot, int resultsSlot, int resumePoint) {
        this.explist = explist;
        this.resumePoint = resumePoint;
        this.functionSlot = functionSlot;
        this.stateSlot = stateSlot;
        this.controlSlot = controlSlot;
        this.loop = Truffle.getRuntime().createLoopNode(new Body(body, functionSlot, stateSlot, controlSlot, resultsSlot, resumePoint));
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        runReturning(frame);
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        // Resuming a generator body: the loop's state is in its slots, and it has no closing value (with
        // one, yields switch stacks instead). One call site of the loop for both, so compiled code holds
        // one copy of its body.
        Object closing = ResumePoints.isSuspended(frame, resumePoint) ? MoatNil.NIL : prepare(frame);
        if (closing == MoatNil.NIL) {
            return loopResult(loop.execute(frame));
        }
        // Profiled, so that a loop that never had a closing value is compiled once, not twice.
        closingValue.enter();
        closer.checkClosable(closing, "(for state)", this);
        if (resumePoint < 0) {
            return loopResult(closer.runThenClose(frame, closing, loop));
        }
        MoatCoroutine co = MoatContext.get(this).getCoroutines().current();
        co.enterStackYieldsOnly();
        try {
            return loopResult(closer.runThenClose(frame, closing, loop));
        } finally {
            co.exitStackYieldsOnly();
        }
    }

    /** Evaluates the explist into the loop's slots; returns the closing value (nil if none). */
    private Object prepare(VirtualFrame frame) {
        Object values = explist.execute(frame);
        frame.setObject(functionSlot, MultiValue.get(values, 0));
        frame.setObject(stateSlot, MultiValue.get(values, 1));
        frame.setObject(controlSlot, MultiValue.get(values, 2));
        return MultiValue.get(values, 3);
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
        private final int resumePoint;

        Body(MoatStatementNode body, int functionSlot, int stateSlot, int controlSlot, int resultsSlot, int resumePoint) {
            this.body = body;
            this.resumePoint = resumePoint;
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
            if (!ResumePoints.isSuspended(frame, resumePoint)) {
                if (nextValues(frame)) {
                    return BREAK_LOOP_STATUS;
                }
            }
            try {
                Object result = ResumePoints.run(frame, resumePoint, 1, body);
                if (result != null) {
                    return result;
                }
            } catch (BreakException e) {
                return BREAK_LOOP_STATUS;
            }
            return CONTINUE_LOOP_STATUS;
        }

        /** Charges the iteration and calls the iterator; true when it is done (first result nil). */
        private boolean nextValues(VirtualFrame frame) {
            MoatContext.get(this).budget.charge(1, this);
            Object[] argv = new Object[]{null, frame.getObject(stateSlot), frame.getObject(controlSlot)};
            Object results = invoke.call(frame.getObject(functionSlot), argv, this, "for iterator 'for iterator'");
            Object first = MultiValue.first(results);
            if (first == MoatNil.NIL) {
                return true;
            }
            frame.setObject(controlSlot, first);
            frame.setObject(resultsSlot, results);
            return false;
        }
    }
}
