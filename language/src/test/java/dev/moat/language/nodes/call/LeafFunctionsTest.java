package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
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
    /**
     * {@code {x, x, ..., x}}: one constructor node and n item nodes (not literals, which a constructor holds
     * as values rather than as nodes).
     */
    private static TableConstructorNode list(int n) {
        MoatExpressionNode[] keys = new MoatExpressionNode[n];
        MoatExpressionNode[] values = new MoatExpressionNode[n];
        for (int i = 0; i < n; i++) {
            values[i] = new Item();
        }
        return new TableConstructorNode(keys, values, false);
    }

    /** An expression node that is not a literal. */
    private static final class Item extends MoatExpressionNode {
        @Override
        public Object execute(VirtualFrame frame) {
            return 1L;
        }
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

    @Test
    void literalItemsAreNotNodes() {
        MoatExpressionNode[] keys = new MoatExpressionNode[LeafFunctions.MAX_NODES];
        MoatExpressionNode[] values = new MoatExpressionNode[LeafFunctions.MAX_NODES];
        java.util.Arrays.setAll(values, i -> new LiteralNode((long) i));
        assertTrue(LeafFunctions.isLeaf(new TableConstructorNode(keys, values, false)),
                "a constructor of literals is one node");
    }
}
