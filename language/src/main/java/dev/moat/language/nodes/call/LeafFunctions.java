package dev.moat.language.nodes.call;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.NodeUtil;
import dev.moat.language.nodes.controlflow.GenericForNode;
import dev.moat.language.nodes.generator.DirectYieldNode;

/**
 * Finds leaf functions: bodies without call expressions (getters, {@code function(a, b) return a.x * b.x
 * end}, comparators, spectralnorm's {@code A(i, j)}). A call of a leaf from a call expression counts its
 * instructions without testing the limit (see Budget): the leaf cannot recurse, it runs straight-line
 * code and loops that test on their own, and the caller tests at its next loop iteration, call or end.
 * Compiled code then has one limit test fewer for each leaf a loop calls.
 *
 * <p>What a leaf may still run through an operator (a metamethod, a {@code __close} handler) is called
 * through an InvokeNode that is not a call expression's, and that site tests the limit before a leaf runs
 * (DispatchNode): otherwise a leaf metamethod that applies its operator twice to a deeper object would do
 * work exponential in the depth without a single test. Tail calls count as calls: a tail call does not
 * raise the call level, so a leaf that tail-called itself would loop forever untested.
 *
 * <p>Only functions of up to {@link #MAX_NODES} nodes are leaves: the saving is one limit test per call,
 * which matters for small functions only, and the search walks the whole tree of a function without
 * calls: loading a 41-line chunk of plain statements spent 6 % of its time here (bench/micro/load_chunks.lua),
 * and a data chunk ({@code return {...}}) has thousands of nodes.
 * Treating a function as a non-leaf is always safe (its call tests the limit), and the count is the same.
 */
public final class LeafFunctions {
    private LeafFunctions() {
    }

    /** The most nodes a leaf function may have (see the class comment). */
    static final int MAX_NODES = 256;

    /**
     * True if no node under {@code nodes} (nested functions excluded: they are not children) makes a call,
     * and there are at most {@link #MAX_NODES} of them.
     */
    public static boolean isLeaf(Node... nodes) {
        int[] left = {MAX_NODES};
        for (Node node : nodes) {
            if (node != null && !callFree(node, left)) {
                return false;
            }
        }
        return true;
    }

    private static boolean callFree(Node node, int[] left) {
        return --left[0] >= 0 && !makesCalls(node) && NodeUtil.forEachChild(node, child -> callFree(child, left));
    }

    /** Call expressions (a tail call's is one of the first two), the generic for's iterator calls and yields. */
    private static boolean makesCalls(Node node) {
        return node instanceof CallNode || node instanceof MethodCallNode || node instanceof TailCallNode
                || node instanceof DirectYieldNode || node instanceof GenericForNode;
    }
}
