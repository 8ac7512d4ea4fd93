package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.dsl.NodeChild;
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
}
