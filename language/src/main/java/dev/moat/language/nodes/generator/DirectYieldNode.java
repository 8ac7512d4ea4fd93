package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.coroutine.Coroutines;
import dev.moat.language.nodes.LuaFunctionRoot;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.call.ArgumentsNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.controlflow.GeneratorYield;
import dev.moat.language.nodes.controlflow.ResumePoints;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MultiValue;

import java.util.Arrays;

/**
 * {@code coroutine.yield(...)} written directly in a generator body. When the callee is the yield builtin,
 * it suspends the coroutine without switching stacks: it hands the values to the resumer and unwinds the
 * body with {@link GeneratorYield}; the next step re-enters the body down to this node (the first thing its
 * statement evaluates), which then returns the values passed to resume. Anything else under that name is called like
 * any function, and where a generator cannot suspend (an open to-be-closed {@code for} loop) the yield
 * switches the stack as on a coroutine's own stack. The budget is charged as for the builtin call.
 */
public final class DirectYieldNode extends MoatExpressionNode {
    @Child private MoatExpressionNode function;
    @Child private ArgumentsNode arguments;
    @Child private InvokeNode invoke = InvokeNode.create();
    private final boolean multiResult;
    private final String description;
    private final int resumeValuesSlot;
    /** The yield builtin's call target, once seen here. */
    @CompilationFinal private RootCallTarget yieldTarget;
    /** The generator function's frame slot of its call level. */
    @CompilationFinal private int levelSlot = -1;
    /** The marks this yield leaves on its way out: resume point and mark pairs (see YieldPaths). */
    @CompilationFinal(dimensions = 1) private int[] resumePath;

    public DirectYieldNode(MoatExpressionNode function, ArgumentsNode arguments, boolean multiResult, String description,
                           int resumeValuesSlot) {
        this.function = function;
        this.arguments = arguments;
        this.multiResult = multiResult;
        this.description = description;
        this.resumeValuesSlot = resumeValuesSlot;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return run(frame, false);
    }

    /**
     * The yield run by a statement of its own (see YieldStatementNode): {@link GeneratorRootNode#SUSPENDED}
     * when it suspended the body, which then travels back to the root as a {@code return}'s value does,
     * through every container's result, instead of as an exception; otherwise what {@link #execute} gives.
     */
    Object runSuspending(VirtualFrame frame) {
        return run(frame, true);
    }

    private Object run(VirtualFrame frame, boolean asStatement) {
        if (ResumePoints.arriveIfResuming(frame)) {
            Object[] in = (Object[]) frame.getObjectStatic(resumeValuesSlot);
            frame.setObjectStatic(resumeValuesSlot, MultiValue.EMPTY);
            return result(in);
        }
        Object callee = function.execute(frame);
        boolean yield = isYield(callee);
        if (!yield) {
            invoke.beforeArguments(frame, callee);
        }
        Object[] argv = arguments.evaluate(frame, null);
        if (!yield) {
            Object result = invoke.call(frame, callee, argv, this, description);
            return multiResult ? result : MultiValue.first(result);
        }
        MoatContext context = MoatContext.get(this);
        Coroutines coroutines = context.getCoroutines();
        if (ResumePoints.isBare(frame) && !coroutines.canSuspendGenerator()) {
            throw ResumePoints.bail(); // the yield must switch stacks: the step needs its continuation
        }
        context.budget.charge(1, this);
        // As the yield builtin's root does: the coroutine's stack is charged by the level it yields from.
        context.depth = (Integer) frame.getObjectStatic(levelSlot());
        Object[] values = Arrays.copyOfRange(argv, CallArguments.FIRST, argv.length);
        if (coroutines.suspendGenerator(values, this)) {
            ResumePoints.recordYield(frame, resumePath);
            if (asStatement) {
                return GeneratorRootNode.SUSPENDED;
            }
            throw GeneratorYield.INSTANCE;
        }
        return result(coroutines.yield(values, this));
    }

    /** Set once, by YieldPaths when the generator's root is made. */
    void setResumePath(int[] path) {
        resumePath = path;
    }

    private int levelSlot() {
        if (levelSlot < 0) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            levelSlot = ((LuaFunctionRoot) getRootNode()).levelSlot();
        }
        return levelSlot;
    }

    private Object result(Object[] in) {
        Object values = in.length == 1 ? in[0] : in;
        return multiResult ? values : MultiValue.first(values);
    }

    private boolean isYield(Object callee) {
        if (!(callee instanceof MoatFunction f) || f.isLua) {
            return false;
        }
        RootCallTarget known = yieldTarget;
        if (f.getTarget() == known) {
            return true;
        }
        if (known == null && f.getTarget().getRootNode() instanceof BuiltinRootNode r && r.isYield()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            yieldTarget = f.getTarget();
            return true;
        }
        return false;
    }
}
