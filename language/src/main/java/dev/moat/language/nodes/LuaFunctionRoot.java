package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.CallFreeCode;
import dev.moat.language.nodes.controlflow.ReturnException;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.Positions;

import java.util.Arrays;

/**
 * What the roots running a Lua function's body share: guest call depth (exceeding the limit is Lua's
 * catchable "stack overflow", as is a JVM StackOverflowError), the call's instruction charge, binding
 * parameters and varargs, running the body to its final {@code return}, and the name and source
 * position errors report.
 *
 * <p>A Lua function charges its own call: 1 for the call plus its body block's entry charge, in one
 * update ({@link #chargeCall}). Callers charge only calls of builtins (see DispatchNode), so a call of a
 * Lua function costs compiled code one counter update and one limit test, not two.
 */
public abstract class LuaFunctionRoot extends RootNode implements Positions.LuaRoot {
    @Children private final MoatStatementNode[] prologue;
    @Child private MoatStatementNode body;
    @Child private MoatExpressionNode finalReturn;
    private final int varargSlot;
    private final int paramCount;
    /** What entering this function charges: 1 for the call plus the body block's entry charge. */
    private final int callCharge;
    /**
     * No call expressions but tail calls in this function: it does not store its call level in
     * {@code context.depth}; its tail calls hand that level on unstored, and the InvokeNodes of its rare
     * other calls (metamethods) raise it around the call (see CallFreeCode).
     */
    private final boolean callFree;
    /**
     * Where a direct tail call marks that it handed this function's level to its callee, which leaves
     * {@code context.depth} at the caller's level when it returns; -1 if the function has no tail call.
     */
    private final int releasedLevelSlot;
    private final String name;
    private final SourceSection section;

    protected LuaFunctionRoot(MoatLanguage language, FrameDescriptor descriptor, MoatStatementNode[] prologue,
                              MoatStatementNode body, MoatExpressionNode finalReturn, int paramCount, int varargSlot,
                              int callCharge, boolean mayBeCallFree, int releasedLevelSlot, String name,
                              SourceSection section) {
        super(language, descriptor);
        this.releasedLevelSlot = releasedLevelSlot;
        this.callFree = mayBeCallFree && CallFreeCode.isCallFree(prologue) && CallFreeCode.isCallFree(body, finalReturn);
        this.prologue = prologue;
        this.body = body;
        this.finalReturn = finalReturn;
        this.paramCount = paramCount;
        this.callCharge = callCharge;
        this.varargSlot = varargSlot;
        this.name = name;
        this.section = section;
    }

    /**
     * Counts the call as one guest level (beyond the limit: Lua's catchable "stack overflow", as is a JVM
     * StackOverflowError) around {@link #call}, and takes the result of a nested {@code return}.
     * A call-free function only checks that its level fits; with metering off no level is counted.
     */
    @Override
    public final Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        if (callFree || !context.countsDepth) {
            if (context.depth >= context.maxDepth) {
                throw stackOverflow();
            }
            return callTakingReturns(frame, context);
        }
        if (++context.depth > context.maxDepth) {
            context.depth--;
            throw stackOverflow();
        }
        try {
            return callTakingReturns(frame, context);
        } finally {
            if (!levelReleased(frame)) {
                context.depth--;
            }
        }
    }

    private Object callTakingReturns(VirtualFrame frame, MoatContext context) {
        try {
            return call(frame, context);
        } catch (ReturnException r) {
            return r.result;
        } catch (StackOverflowError e) {
            throw stackOverflow();
        }
    }

    /** True once a direct tail call gave this call's level to its callee (see DirectTailCallNode). */
    private boolean levelReleased(VirtualFrame frame) {
        return releasedLevelSlot >= 0 && frame.isBoolean(releasedLevelSlot) && frame.getBoolean(releasedLevelSlot);
    }

    /** True if this function's level is raised by the InvokeNodes of its calls, not on entry (see CallFreeCode). */
    public final boolean isCallFree() {
        return callFree;
    }

    /** One call of this root, inside its call level; a nested {@code return} may arrive as ReturnException. */
    protected abstract Object call(VirtualFrame frame, MoatContext context);

    /** Charges a call of this function (on entry, before the parameters are bound). */
    protected final void chargeCall(MoatContext context) {
        context.budget.charge(callCharge, body);
    }

    private MoatError stackOverflow() {
        CompilerDirectives.transferToInterpreter();
        return MoatError.at(this.body, "stack overflow");
    }

    /** Binds the parameters and varargs from the frame's arguments. */
    @ExplodeLoop
    protected final void bindArguments(VirtualFrame frame) {
        if (varargSlot >= 0) {
            Object[] args = frame.getArguments();
            int first = 1 + paramCount;
            frame.setObject(varargSlot, args.length > first ? Arrays.copyOfRange(args, first, args.length) : MultiValue.EMPTY);
        }
        for (MoatStatementNode p : prologue) {
            p.executeVoid(frame);
        }
    }

    /** Runs the body; the result of its final {@code return} (a nested one arrives as ReturnException). */
    protected final Object runBody(VirtualFrame frame) {
        Object returned = body.runReturning(frame);
        if (returned != null) {
            return returned;
        }
        if (finalReturn != null) {
            return finalReturn.execute(frame);
        }
        return MultiValue.EMPTY;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public SourceSection getSourceSection() {
        return section;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}
