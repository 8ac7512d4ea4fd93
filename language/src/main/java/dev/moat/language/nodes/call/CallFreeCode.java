package dev.moat.language.nodes.call;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import dev.moat.language.nodes.controlflow.GenericForNode;
import dev.moat.language.nodes.generator.DirectYieldNode;

/**
 * Finds function bodies without call expressions other than tail calls (getters,
 * {@code function(x) return x + k end}, comparators, methods ending in {@code return self.x:m()}). Such a
 * function does not keep its call level in {@code MoatContext.depth}: it only checks that there is room
 * for it; a tail call hands the callee the level the function never stored (DirectTailCallNode), and the
 * rare other call it makes (a metamethod, a {@code __close} handler, a builtin in tail position) raises the
 * level around that call (see {@link InvokeNode}). That takes the stores to memory off every call of the
 * most frequently called functions, which compiled code otherwise cannot remove.
 *
 * <p>The classification is only about speed: levels stay exact for any body, because every call a Lua
 * function makes goes through an InvokeNode, which raises the level when its function did not.
 */
public final class CallFreeCode {
    private CallFreeCode() {
    }

    /**
     * True if no node under {@code nodes} (nested functions excluded: they are not children) is a call
     * other than a tail call.
     */
    public static boolean isCallFree(Node... nodes) {
        for (Node node : nodes) {
            if (node != null && !callFree(node)) {
                return false;
            }
        }
        return true;
    }

    private static boolean callFree(Node node) {
        if (node instanceof TailCallNode tail) {
            // Only what computes the callee and the arguments counts: return f(g(x)) makes a call, return f(x) does not.
            return NodeUtil.forEachChild(tail.callExpression(), operand -> operand instanceof InvokeNode || callFree(operand));
        }
        return !makesCalls(node) && NodeUtil.forEachChild(node, CallFreeCode::callFree);
    }

    private static boolean makesCalls(Node node) {
        return node instanceof CallNode || node instanceof MethodCallNode || node instanceof DirectYieldNode
                || node instanceof GenericForNode || node instanceof InvokeNode;
    }
}
