package dev.moat.language.nodes.call;

import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.table.TableConstructorNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leaf has no calls and at most {@link LeafFunctions#MAX_NODES} nodes: the search of a big call-free
 * function (a data chunk's {@code return {...}}) stops there and calls it a non-leaf, which is safe.
 */
class LeafFunctionsTest {
    /** {@code {1, 2, ..., n}}: one constructor node and n literals. */
    private static TableConstructorNode list(int n) {
        MoatExpressionNode[] keys = new MoatExpressionNode[n];
        MoatExpressionNode[] values = new MoatExpressionNode[n];
        for (int i = 0; i < n; i++) {
            values[i] = new LiteralNode((long) i);
        }
        return new TableConstructorNode(keys, values, false);
    }

    @Test
    void aSmallCallFreeBodyIsALeaf() {
        assertTrue(LeafFunctions.isLeaf(list(10)));
        assertTrue(LeafFunctions.isLeaf(list(LeafFunctions.MAX_NODES - 1)), "the constructor and its items fill the bound");
        assertTrue(LeafFunctions.isLeaf(list(3), null, list(5)), "null parts (no final return) are skipped");
    }

    @Test
    void aBodyPastTheBoundIsNotALeaf() {
        assertFalse(LeafFunctions.isLeaf(list(LeafFunctions.MAX_NODES)));
        assertFalse(LeafFunctions.isLeaf(list(LeafFunctions.MAX_NODES / 2), list(LeafFunctions.MAX_NODES / 2)),
                "the bound covers all parts together");
        assertFalse(LeafFunctions.isLeaf(list(100_000)));
    }
}
