package dev.moat.language.nodes.expression;

import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Which number subtypes each operand of a binary operator site has had, packed in an int the node keeps
 * (interpreter only). An operand that has been an integer on some runs and a float on others reaches compiled
 * code as a merge of a {@code Long} and a {@code Double} box, which Graal must allocate; such a site is better
 * served by a node that takes its operands as {@link dev.moat.language.runtime.TaggedNumber}s
 * ({@link TaggedCompareNode}, {@link TaggedArithNode}).
 */
final class OperandSubtypes {
    private static final int LEFT_INTEGER = 1;
    private static final int LEFT_FLOAT = 2;
    private static final int RIGHT_INTEGER = 4;
    private static final int RIGHT_FLOAT = 8;

    private OperandSubtypes() {
    }

    /** {@code seen} with one evaluation's operand subtypes added. */
    static int record(int seen, boolean leftFloat, boolean rightFloat) {
        return seen | (leftFloat ? LEFT_FLOAT : LEFT_INTEGER) | (rightFloat ? RIGHT_FLOAT : RIGHT_INTEGER);
    }

    /**
     * Switch for measuring: {@code -Dmoat.taggedOperands=false} keeps comparisons, {@code /} and {@code ^} on their
     * typed specializations whatever their operands have been.
     */
    private static final boolean ENABLED = !"false".equals(System.getProperty("moat.taggedOperands"));

    /**
     * Whether an operand has had both subtypes and can hand its number over unboxed
     * ({@link MoatExpressionNode#yieldsTaggedUnboxed}): an operand that is a box anyway (a call's result, a local
     * in an Object slot) gains nothing from the tagged node, whose compiled code is larger (raytracer's
     * comparisons of method results measured 5 % slower tagged).
     */
    static boolean worthTagging(int seen, MoatExpressionNode left, MoatExpressionNode right) {
        return ENABLED && ((seen & (LEFT_INTEGER | LEFT_FLOAT)) == (LEFT_INTEGER | LEFT_FLOAT) && left.yieldsTaggedUnboxed()
                || (seen & (RIGHT_INTEGER | RIGHT_FLOAT)) == (RIGHT_INTEGER | RIGHT_FLOAT) && right.yieldsTaggedUnboxed());
    }
}
