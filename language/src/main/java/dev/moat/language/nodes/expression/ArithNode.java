package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Binary arithmetic and bitwise operators ({@code + - * / // % ^ & | ~ << >>}). The operator is a
 * constant of the node, so each switch folds away in compiled code. Integer specializations wrap around
 * as Lua 5.4 does; mixed integer/float operands compute in floats; anything else (strings, metamethods,
 * errors) goes to {@link ArithFallbackNode}.
 */
public abstract class ArithNode extends BinaryNode {
    protected final ArithOp op;
    /**
     * {@code x - k} with an integer constant k is computed as {@code x + (-k)}, as Lua's compiler does
     * (OP_ADDI); the only observable difference is the sign of a zero result ({@code -0.0 - 0 == 0.0}).
     * Set at translation, before the node runs; compilation-final so compiled code does not load it.
     */
    @CompilationFinal protected boolean subtractAsAdd;

    protected ArithNode(ArithOp op) {
        this.op = op;
    }

    public final void setSubtractAsAdd() {
        this.subtractAsAdd = true;
    }

    public final ArithOp getOp() {
        return op;
    }

    /**
     * This operator without its operand nodes, for a parent that evaluates them itself and hands their values
     * to {@link #executeEvaluated} (a call {@code floor(a / b)}, see nodes.call.QuotientArgumentNode): the same
     * errors, naming the same operands, at the same position.
     */
    public final ArithNode withoutOperands() {
        return (ArithNode) withoutOperands(ArithNodeGen.create(op, null, null));
    }

    private static final int INTEGERS = 1;
    private static final int FLOATS = 2;
    private static final int MIXED = 4;
    /** Which of the operand subtype pairs above this site has met (interpreter only). */
    private int subtypesSeen;

    /**
     * Records the operands' subtypes; a site of {@code + - *} whose results have been integers (two integer
     * operands) and floats (any float operand) becomes a {@link TaggedArithNode}, whose operands and result
     * cross to its neighbours unboxed where this node's merge of a Long and a Double result would allocate a
     * box. A site whose results are all floats (integers met only with floats, as n-body's bodies starting at
     * integer 0) stays: its typed double result is already unboxed, and measured faster than the tagged node
     * there (n-body's advance compiled to 11.8 KB instead of 6.8 KB). {@code /} and {@code ^}, whose result is
     * always a float, become tagged when an operand has had both subtypes and can hand them over unboxed
     * (BinaryNode#operandsWantTagging): the operand is then a merge of boxes that the typed specializations take
     * as it is, and the tagged node unboxed. The specializations run first in the interpreter (a new one
     * deoptimises compiled code); a node without operand nodes ({@link #withoutOperands}) stays as it is.
     */
    private void noteSubtypes(int pair, boolean leftFloat, boolean rightFloat) {
        if (!op.integerResult()) {
            if (operandsWantTagging(leftFloat, rightFloat) && TaggedArithNode.handles(op) && TAGGED_ARITHMETIC) {
                replaceWithTagged(new TaggedArithNode(op, subtractAsAdd, getLeft(), getRight(), leftDescription, rightDescription));
            }
        } else if (CompilerDirectives.inInterpreter() && getLeft() != null) {
            int seen = subtypesSeen | pair;
            if (seen != subtypesSeen) {
                subtypesSeen = seen;
                if ((seen & INTEGERS) != 0 && seen != INTEGERS && TaggedArithNode.handles(op) && TAGGED_ARITHMETIC) {
                    replaceWithTagged(new TaggedArithNode(op, subtractAsAdd, getLeft(), getRight(), leftDescription, rightDescription));
                }
            }
        }
    }

    /** Switch for measuring: {@code -Dmoat.taggedArithmetic=false} keeps every site on the typed specializations. */
    private static final boolean TAGGED_ARITHMETIC = !"false".equals(System.getProperty("moat.taggedArithmetic"));

    protected boolean isIntegerOp() {
        return op.integerResult() && op != ArithOp.IDIV && op != ArithOp.MOD;
    }

    protected boolean isDivMod() {
        return op == ArithOp.IDIV || op == ArithOp.MOD;
    }

    @Specialization(guards = "isIntegerOp()")
    protected long doLong(long a, long b) {
        noteSubtypes(INTEGERS, false, false);
        return op.onLongs(a, b);
    }

    @Specialization(guards = {"isDivMod()", "b != 0"})
    protected long doLongDivMod(long a, long b) {
        return op.onLongs(a, b);
    }

    @Specialization(guards = "!op.integerResult()")
    protected double doLongFloatResult(long a, long b) {
        noteSubtypes(INTEGERS, false, false);
        return op.onDoubles(a, b);
    }

    @Specialization(guards = "!op.bitwise")
    protected double doDouble(double a, double b) {
        noteSubtypes(FLOATS, true, true);
        return op.onDoubles(a, b);
    }

    @Specialization(guards = "!op.bitwise")
    protected double doLongDouble(long a, double b) {
        noteSubtypes(MIXED, false, true);
        return op.onDoubles(a, b);
    }

    @Specialization(guards = "!op.bitwise")
    protected double doDoubleLong(double a, long b) {
        noteSubtypes(MIXED, true, false);
        if (subtractAsAdd) {
            return a + (double) -b;
        }
        return op.onDoubles(a, b);
    }

    @Fallback
    protected Object doGeneric(VirtualFrame frame, Object a, Object b, @Cached("new()") ArithFallbackNode fallback) {
        return fallback.execute(frame, op, a, b, this, leftDescription, rightDescription);
    }
}
