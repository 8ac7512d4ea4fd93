package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.call.LeafFunctions;
import dev.moat.language.nodes.call.TailCallException;
import dev.moat.language.nodes.controlflow.ReturnException;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.Positions;

import java.util.Arrays;

/**
 * What the roots running a Lua function's body share: the call's level (exceeding the depth limit is
 * Lua's catchable "stack overflow", as is a JVM StackOverflowError), the call's instruction charge, binding
 * parameters and varargs, running the body to its final {@code return}, and the name and source
 * position errors report.
 *
 * <p>A Lua function charges its own call: 1 for the call plus its body block's entry charge, in one
 * update ({@link #chargeCall}). Callers charge only calls of builtins (see DispatchNode), so a call of a
 * Lua function costs compiled code one counter update and one limit test, not two. A leaf function (no
 * calls, see LeafFunctions) only counts its call: its caller's next test covers it, and the sites that can
 * call a leaf without a call expression test for it (see DispatchNode).
 */
public abstract class LuaFunctionRoot extends RootNode implements Positions.LuaRoot {
    @Children private final MoatStatementNode[] prologue;
    @Child private MoatStatementNode body;
    @Child private MoatExpressionNode finalReturn;
    private final int varargSlot;
    private final int paramCount;
    /** What entering this function charges: 1 for the call plus the body block's entry charge. */
    private final int callCharge;
    /** No calls in this function: its call is counted, not tested (see LeafFunctions). */
    private final boolean leaf;
    /** The frame slot holding this call's level (an Integer: see CallArguments), which its calls pass on. */
    private final int levelSlot;
    private final String name;
    private final SourceSection section;

    protected LuaFunctionRoot(MoatLanguage language, FrameDescriptor descriptor, MoatStatementNode[] prologue,
                              MoatStatementNode body, MoatExpressionNode finalReturn, int paramCount, int varargSlot,
                              int callCharge, int levelSlot, String name, SourceSection section) {
        super(language, descriptor);
        this.levelSlot = levelSlot;
        this.prologue = prologue;
        this.body = body;
        this.finalReturn = finalReturn;
        this.paramCount = paramCount;
        this.callCharge = callCharge;
        this.leaf = LeafFunctions.isLeaf(withBody(prologue, body, finalReturn));
        this.varargSlot = varargSlot;
        this.name = name;
        this.section = section;
    }

    /** The prologue's statements, the body and the final return, for {@link LeafFunctions#isLeaf}. */
    private static Node[] withBody(MoatStatementNode[] prologue, MoatStatementNode body, MoatExpressionNode finalReturn) {
        Node[] all = Arrays.copyOf(prologue, prologue.length + 2, Node[].class);
        all[prologue.length] = body;
        all[prologue.length + 1] = finalReturn;
        return all;
    }

    /**
     * Runs one call of this root; takes the result of a nested {@code return}. A proper tail call that
     * unwinds this frame ({@link TailCallException}) is <em>returned</em> to the calling site, which makes
     * the call: only guest errors leave a root by throwing. Truffle
     * profiles the kind of exception that leaves a call target, and a compiled target that sees a control-flow
     * exception after a guest error (or the other way round) is invalidated, every time: an evaluator whose
     * {@code return handlers[node.kind](node)} nests deeper than the direct tail calls allow, with errors
     * passing through it, deoptimised dozens of times and then stayed interpreted for good.
     */
    @Override
    public final Object execute(VirtualFrame frame) {
        MoatContext context = MoatContext.get(this);
        try {
            return call(frame, context);
        } catch (ReturnException r) {
            return r.result;
        } catch (TailCallException tc) {
            return tc;
        } catch (StackOverflowError e) {
            // The Java stack ran out somewhere below this call, which is the place known now.
            CompilerDirectives.transferToInterpreter();
            throw MoatError.stackOverflow(Positions.where(body), body);
        }
    }

    /**
     * Takes this call's level, its caller's plus one (beyond the limit: Lua's catchable "stack overflow", as
     * is a JVM StackOverflowError), into the level slot; {@code argv} is the call's argument array. With
     * metering off no level is counted.
     */
    protected final void enterLevel(VirtualFrame frame, Object[] argv, MoatContext context) {
        // An int boxed once after the branch (0 with metering off), not a constant box on one side and a
        // new one on the other: where the context is not a constant (an engine shared by contexts), that
        // merge of two boxes made compiled code box the level on entry to every call.
        int level = 0;
        if (context.budget.meters()) {
            level = CallArguments.callerLevel(argv) + 1;
            if (level > context.budget.depthLimit()) {
                throw callTooDeep();
            }
        }
        frame.setObjectStatic(levelSlot, level);
    }

    /** The frame slot of the call's level (see {@link #enterLevel}). */
    public final int levelSlot() {
        return levelSlot;
    }

    /** One call of this root; a nested {@code return} may arrive as ReturnException. */
    protected abstract Object call(VirtualFrame frame, MoatContext context);

    /** Charges a call of this function (on entry, before the parameters are bound); a leaf's is only counted. */
    protected final void chargeCall(MoatContext context) {
        if (leaf) {
            context.budget.count(callCharge);
        } else {
            context.budget.charge(callCharge, body);
        }
    }

    /** True if calls of this function are counted without a limit test (see LeafFunctions). */
    public final boolean isLeaf() {
        return leaf;
    }

    /**
     * A call one level beyond the limit: Lua reports it at the call (its stack check runs before the callee's
     * frame exists), so at the calling Lua function's line, and without a position if a builtin made the call.
     */
    private MoatError callTooDeep() {
        CompilerDirectives.transferToInterpreter();
        return MoatError.stackOverflow(Positions.callerWhere(1), body);
    }

    /** Binds the parameters and varargs from the frame's arguments. */
    @ExplodeLoop
    protected final void bindArguments(VirtualFrame frame) {
        if (varargSlot >= 0) {
            Object[] args = frame.getArguments();
            int first = CallArguments.FIRST + paramCount;
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

    /** Evaluates the final {@code return} alone (a generator step resumed there, see GeneratorBail). */
    protected final Object runFinalReturn(VirtualFrame frame) {
        return finalReturn != null ? finalReturn.execute(frame) : MultiValue.EMPTY;
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
