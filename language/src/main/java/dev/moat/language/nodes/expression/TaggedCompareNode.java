package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.TaggedNumber;

/**
 * {@code < <= > >= == ~=} at a site where an operand has been an integer on some runs and a float on others
 * ({@code a.y > py} over points whose coordinates are grid integers or measured decimals). A
 * {@link CompareNode} or {@link EqualNode} replaces itself with this node once an operand has had both
 * subtypes (see {@link OperandSubtypes}): the operands arrive as {@link TaggedNumber}s, so a field read or a
 * {@link TaggedArithNode} hands its number over unboxed where the typed specializations took a merge of a
 * {@code Long} and a {@code Double} box, which compiled code allocated on every comparison. Integers and floats
 * compare exactly, as in the typed node. Operands that are not numbers (strings, tables, metamethods) go to
 * {@code generic}, the replaced operator without operand nodes.
 */
public final class TaggedCompareNode extends MoatExpressionNode {
    /** What is tested; {@code a > b} is {@code b < a} (swapped) and {@code a ~= b} is {@code not (a == b)}. */
    enum Relation { LESS, LESS_EQUAL, EQUAL }

    @Child private MoatExpressionNode left;
    @Child private MoatExpressionNode right;
    @Child private BinaryNode generic;
    private final Relation relation;
    private final boolean swapped;
    private final boolean negate;
    /** Whether an operand here has not been a number; until then compiled code leaves that path out. */
    @CompilationFinal private boolean sawNonNumber;

    private TaggedCompareNode(Relation relation, boolean swapped, boolean negate, MoatExpressionNode left,
                              MoatExpressionNode right, BinaryNode generic) {
        this.relation = relation;
        this.swapped = swapped;
        this.negate = negate;
        this.left = left;
        this.right = right;
        this.generic = generic;
    }

    /** The tagged form of an order comparison; {@code generic} is the same operator without operands. */
    static TaggedCompareNode order(boolean orEqual, boolean swapped, MoatExpressionNode left, MoatExpressionNode right,
                                   BinaryNode generic) {
        return new TaggedCompareNode(orEqual ? Relation.LESS_EQUAL : Relation.LESS, swapped, false, left, right, generic);
    }

    /** The tagged form of {@code ==} ({@code negate}: {@code ~=}). */
    static TaggedCompareNode equality(boolean negate, MoatExpressionNode left, MoatExpressionNode right, BinaryNode generic) {
        return new TaggedCompareNode(Relation.EQUAL, false, negate, left, right, generic);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return executeBoolean(frame);
    }

    @Override
    public boolean executeBoolean(VirtualFrame frame) {
        TaggedNumber a;
        try {
            a = left.executeTagged(frame);
        } catch (UnexpectedResultException e) {
            return generic(frame, e.getResult(), right.execute(frame));
        }
        TaggedNumber b;
        try {
            b = right.executeTagged(frame);
        } catch (UnexpectedResultException e) {
            return generic(frame, a.box(), e.getResult());
        }
        boolean holds = switch (relation) {
            case LESS -> swapped ? less(b, a) : less(a, b);
            case LESS_EQUAL -> swapped ? lessOrEqual(b, a) : lessOrEqual(a, b);
            case EQUAL -> equal(a, b);
        };
        return holds != negate;
    }

    static boolean less(TaggedNumber x, TaggedNumber y) {
        if (!x.isFloat) {
            return y.isFloat ? LuaArith.lt(x.bits, y.asDouble()) : x.bits < y.bits;
        }
        return y.isFloat ? x.asDouble() < y.asDouble() : LuaArith.lt(x.asDouble(), y.bits);
    }

    static boolean lessOrEqual(TaggedNumber x, TaggedNumber y) {
        if (!x.isFloat) {
            return y.isFloat ? LuaArith.le(x.bits, y.asDouble()) : x.bits <= y.bits;
        }
        return y.isFloat ? x.asDouble() <= y.asDouble() : LuaArith.le(x.asDouble(), y.bits);
    }

    static boolean equal(TaggedNumber x, TaggedNumber y) {
        if (x.isFloat == y.isFloat) {
            return x.isFloat ? x.asDouble() == y.asDouble() : x.bits == y.bits; // (not the bits: 0.0 == -0.0, NaN ~= NaN)
        }
        return x.isFloat ? LuaArith.eq(y.bits, x.asDouble()) : LuaArith.eq(x.bits, y.asDouble());
    }

    /** Operands of which one is not a number: the replaced operator's own specializations and metamethods. */
    private boolean generic(VirtualFrame frame, Object a, Object b) {
        if (!sawNonNumber) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            sawNonNumber = true;
        }
        return (Boolean) generic.executeEvaluated(frame, a, b);
    }
}
