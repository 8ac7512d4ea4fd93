package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.TaggedNumber;

/**
 * {@code + - *} at a site whose results have been integers and floats ({@code vec(0, 1, 0)} and
 * {@code vec(0.5, 1, 0)} through the same {@code a.x - b.x}). An {@link ArithNode} replaces itself with this
 * node once its specializations have seen integers and floats (see ArithNode#noteSubtypes): its operands
 * arrive as {@link TaggedNumber}s and its result leaves as one to a parent of the same kind, so a chain of
 * such operations over field reads keeps every intermediate value unboxed where the typed
 * specializations, whose results merge a {@code Long} and a {@code Double} box, allocated one per step.
 * {@code /} and {@code ^} become this node once an operand has had both subtypes ({@code (b.x - a.x) / (b.y - a.y)}
 * over integer and decimal coordinates): their result is always a float, but their operands were such merges.
 * Values that are not numbers (metamethods, string coercion, errors) take {@link ArithFallbackNode}.
 */
public final class TaggedArithNode extends MoatExpressionNode {
    @Child private MoatExpressionNode left;
    @Child private MoatExpressionNode right;
    @Child private ArithFallbackNode fallback;
    private final ArithOp op;
    /** {@code x - k} with an integer constant k computed as {@code x + (-k)}, as ArithNode#subtractAsAdd. */
    private final boolean subtractAsAdd;
    private final String leftDescription;
    private final String rightDescription;
    /** Whether an operand here has not been a number; until then compiled code leaves that path out. */
    @CompilationFinal private boolean sawNonNumber;

    TaggedArithNode(ArithOp op, boolean subtractAsAdd, MoatExpressionNode left, MoatExpressionNode right,
                    String leftDescription, String rightDescription) {
        this.op = op;
        this.subtractAsAdd = subtractAsAdd;
        this.left = left;
        this.right = right;
        this.leftDescription = leftDescription;
        this.rightDescription = rightDescription;
    }

    /**
     * The operators whose result is an integer or a float depending on the operands, and {@code /} and
     * {@code ^}, whose result is always a float (see ArithNode#noteSubtypes).
     */
    static boolean handles(ArithOp op) {
        return op == ArithOp.ADD || op == ArithOp.SUB || op == ArithOp.MUL || op == ArithOp.DIV || op == ArithOp.POW;
    }

    @Override
    public boolean yieldsTaggedUnboxed() {
        return true;
    }

    @Override
    public TaggedNumber executeTagged(VirtualFrame frame) throws UnexpectedResultException {
        TaggedNumber a;
        try {
            a = left.executeTagged(frame);
        } catch (UnexpectedResultException e) {
            notANumber();
            Object b = right.execute(frame);
            return TaggedNumber.expect(generic(frame, e.getResult(), b));
        }
        TaggedNumber b;
        try {
            b = right.executeTagged(frame);
        } catch (UnexpectedResultException e) {
            notANumber();
            return TaggedNumber.expect(generic(frame, a.box(), e.getResult()));
        }
        return compute(a, b);
    }

    private TaggedNumber compute(TaggedNumber a, TaggedNumber b) {
        if (!a.isFloat && !b.isFloat && op.integerResult()) {
            return TaggedNumber.ofInteger(op.onLongs(a.bits, b.bits));
        }
        double x = a.isFloat ? a.asDouble() : (double) a.bits;
        if (subtractAsAdd && !b.isFloat) {
            return TaggedNumber.ofFloat(x + (double) -b.bits);
        }
        double y = b.isFloat ? b.asDouble() : (double) b.bits;
        return TaggedNumber.ofFloat(op.onDoubles(x, y));
    }

    private void notANumber() {
        if (!sawNonNumber) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            sawNonNumber = true;
        }
    }

    private Object generic(VirtualFrame frame, Object a, Object b) {
        ArithFallbackNode f = fallback;
        if (f == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            f = fallback = insert(new ArithFallbackNode());
        }
        return f.execute(frame, op, a, b, this, leftDescription, rightDescription);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        try {
            return executeTagged(frame).box();
        } catch (UnexpectedResultException e) {
            return e.getResult();
        }
    }

    @Override
    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        TaggedNumber n = executeTagged(frame);
        if (n.isFloat) {
            throw new UnexpectedResultException(n.box());
        }
        return n.bits;
    }

    @Override
    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        TaggedNumber n = executeTagged(frame);
        if (!n.isFloat) {
            throw new UnexpectedResultException(n.box());
        }
        return n.asDouble();
    }
}
