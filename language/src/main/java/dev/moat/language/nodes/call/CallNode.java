package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MultiValue;

/**
 * A call expression {@code f(args)}. In a single-value context the result is adjusted to one value
 * here; in a multi-value context (last in a list) all results pass through as returned.
 */
public final class CallNode extends MoatExpressionNode {
    @Child private MoatExpressionNode function;
    @Child private ArgumentsNode arguments;
    @Child private InvokeNode invoke = InvokeNode.createForCallExpression();
    private final boolean multiResult;
    private final String description;

    public CallNode(MoatExpressionNode function, ArgumentsNode arguments, boolean multiResult, String description) {
        this.function = function;
        this.arguments = arguments;
        this.multiResult = multiResult;
        this.description = description;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object callee = function.execute(frame);
        invoke.beforeArguments(frame, callee);
        Object[] argv = arguments.evaluate(frame, null);
        Object result = invoke.call(frame, callee, argv, this, description);
        return multiResult ? result : MultiValue.first(result);
    }

    /** For tail calls: evaluates callee and arguments without calling. */
    Object evaluateCallee(VirtualFrame frame) {
        Object callee = function.execute(frame);
        invoke.beforeArguments(frame, callee);
        return callee;
    }

    Object[] evaluateArguments(VirtualFrame frame) {
        return arguments.evaluate(frame, null);
    }

    public String callDescription() {
        return description;
    }

    public static boolean isLuaFunction(Object callee) {
        return callee instanceof MoatFunction f && f.isLua;
    }
}
