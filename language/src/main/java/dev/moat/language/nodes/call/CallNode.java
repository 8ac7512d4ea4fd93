package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MultiValue;

/**
 * A call expression {@code f(args)}. In a single-value context the result is adjusted to one value
 * here; in a multi-value context (last in a list) all results pass through as returned. A call whose only
 * argument is a division, {@code f(a / b)}, evaluates it through a {@link QuotientArgumentNode}, which
 * computes {@code math.floor}'s and {@code math.ceil}'s result from two integers at the site.
 */
public final class CallNode extends MoatExpressionNode {
    @Child private MoatExpressionNode function;
    /** The arguments; null for a call of one division, whose argument is {@link #quotient}. */
    @Child private ArgumentsNode arguments;
    @Child private QuotientArgumentNode quotient;
    @Child private InvokeNode invoke = InvokeNode.createForCallExpression();
    private final boolean multiResult;
    private final String description;

    public CallNode(MoatExpressionNode function, ArgumentsNode arguments, boolean multiResult, String description) {
        this.function = function;
        this.arguments = arguments;
        this.multiResult = multiResult;
        this.description = description;
    }

    /** {@code f(a / b)}: see {@link QuotientArgumentNode}. */
    public CallNode(MoatExpressionNode function, QuotientArgumentNode quotient, boolean multiResult, String description) {
        this.function = function;
        this.quotient = quotient;
        this.multiResult = multiResult;
        this.description = description;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object callee = function.execute(frame);
        invoke.beforeArguments(frame, callee);
        Object[] argv;
        if (quotient != null) {
            Object evaluated = quotient.evaluate(frame, callee);
            if (!(evaluated instanceof Object[] quotientArgv)) {
                return evaluated; // floor or ceil, computed at the site
            }
            argv = quotientArgv;
        } else {
            argv = arguments.evaluate(frame, null);
        }
        Object result = invoke.call(frame, callee, argv, this, description);
        return multiResult ? result : MultiValue.first(result);
    }

    /** The only argument of a call of one single-valued expression (not a division), else null (translation time). */
    public MoatExpressionNode onlyArgument() {
        return arguments != null ? arguments.onlyExpression() : null;
    }

    /**
     * The call of {@code callee} with the arguments {@link #evaluateArguments} gave, adjusted to one value, as
     * {@link #execute} makes it (for a parent that evaluated them itself: TypeTestNode).
     */
    public Object callEvaluated(VirtualFrame frame, Object callee, Object[] argv) {
        return MultiValue.first(invoke.call(frame, callee, argv, this, description));
    }

    /** For tail calls and TypeTestNode: evaluates the callee (then {@link #evaluateArguments}) without calling. */
    public Object evaluateCallee(VirtualFrame frame) {
        Object callee = function.execute(frame);
        invoke.beforeArguments(frame, callee);
        return callee;
    }

    /** The arguments of a call that has no {@link #quotientArgument}, evaluated without calling. */
    public Object[] evaluateArguments(VirtualFrame frame) {
        return arguments.evaluate(frame, null);
    }

    /** The argument of a call {@code f(a / b)}, or null for any other call. */
    QuotientArgumentNode quotientArgument() {
        return quotient;
    }

    public String callDescription() {
        return description;
    }

    public static boolean isLuaFunction(Object callee) {
        return callee instanceof MoatFunction f && f.isLua;
    }
}
