package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Base of binary operators. Keeps the Lua descriptions of both operands ("local 'x'", "field 'y'") so
 * type errors can name the offending variable as Lua 5.4 does.
 */
@NodeChild("left")
@NodeChild("right")
public abstract class BinaryNode extends MoatExpressionNode {
    protected String leftDescription;
    protected String rightDescription;

    public final void setDescriptions(String left, String right) {
        this.leftDescription = left;
        this.rightDescription = right;
    }

    public abstract MoatExpressionNode getLeft();

    public abstract MoatExpressionNode getRight();

    /** Which subtypes each operand has had (interpreter only, see OperandSubtypes). */
    private int operandsSeen;

    /**
     * Records one evaluation's operand subtypes (interpreter only); true when this site should now take its
     * operands tagged: an operand has had both subtypes and can hand them over unboxed
     * (OperandSubtypes#worthTagging). A node without operand nodes ({@link #withoutOperands}) never is.
     */
    protected final boolean operandsWantTagging(boolean leftFloat, boolean rightFloat) {
        if (!CompilerDirectives.inInterpreter() || getLeft() == null) {
            return false;
        }
        int seen = OperandSubtypes.record(operandsSeen, leftFloat, rightFloat);
        if (seen == operandsSeen) {
            return false;
        }
        operandsSeen = seen;
        return OperandSubtypes.worthTagging(seen, getLeft(), getRight());
    }

    /** Replaces this node with its tagged form, which takes over its position in the source. */
    protected final void replaceWithTagged(MoatExpressionNode tagged) {
        tagged.setSourceRange(getSourceStart(), getSourceLength());
        replace(tagged, "operands of both number subtypes");
    }

    /** {@code copy} (this operator made without operand nodes) with this node's descriptions and position. */
    protected final BinaryNode withoutOperands(BinaryNode copy) {
        copy.setDescriptions(leftDescription, rightDescription);
        copy.setSourceRange(getSourceStart(), getSourceLength());
        return copy;
    }

    /** The operator on operands its user evaluated (a node made without operand nodes). */
    public abstract Object executeEvaluated(VirtualFrame frame, Object left, Object right);
}
