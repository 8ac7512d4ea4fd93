package dev.moat.language.nodes.call;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import dev.moat.language.nodes.controlflow.GenericForNode;
import dev.moat.language.nodes.generator.DirectYieldNode;

/**
 * Finds function bodies without call expressions (getters, {@code function(x) return x + k end},
 * comparators). Such a function does not keep its call level in {@code MoatContext.depth}: it only checks
 * that there is room for it, and the rare call it still makes (a metamethod, a {@code __close} handler)
 * raises the level around that call instead (see {@link InvokeNode}). That takes two stores to memory off
 * every call of the most frequently called functions, which compiled code otherwise cannot remove.
 *
 * <p>The classification is only about speed: levels stay exact for any body, because every call a Lua
 * function makes goes through an InvokeNode, which raises the level when its function did not.
 */
public final class CallFreeCode {
    private CallFreeCode() {
    }

    /** True if no node under {@code nodes} (nested functions excluded: they are not children) is a call. */
    public static boolean isCallFree(Node... nodes) {
        for (Node node : nodes) {
            if (node != null && (makesCalls(node) || !NodeUtil.forEachChild(node, child -> isCallFree(child)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean makesCalls(Node node) {
        return node instanceof CallNode || node instanceof MethodCallNode || node instanceof TailCallNode
                || node instanceof DirectTailCallNode || node instanceof DirectYieldNode
                || node instanceof GenericForNode || node instanceof InvokeNode;
    }
}
