package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Unary minus and bitwise not. Metamethods receive the operand twice, as in Lua ({@code __unm(a, a)}).
 */
@NodeChild("operand")
public abstract class UnaryArithNode extends MoatExpressionNode {
    protected final ArithOp op;
    protected String description;

    protected UnaryArithNode(ArithOp op) {
        this.op = op;
    }

    public final void setDescription(String description) {
        this.description = description;
    }

    public abstract MoatExpressionNode getOperand();

    public final ArithOp getOp() {
        return op;
    }

    @Specialization
    protected long doLong(long a) {
        return op.onLongs(a, 0);
    }

    @Specialization(guards = "op == UNM_OP")
    protected double doDouble(double a) {
        return -a;
    }

    protected static final ArithOp UNM_OP = ArithOp.UNM;

    @Fallback
    protected Object doGeneric(VirtualFrame frame, Object a, @Cached("new()") ArithFallbackNode fallback) {
        return fallback.execute(frame, op, a, a, this, description, description);
    }
}
