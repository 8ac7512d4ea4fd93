package dev.moat.language.translator;

import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.expression.ArithFallbackNode;
import dev.moat.language.nodes.expression.ArithNode;
import dev.moat.language.nodes.expression.ArithOp;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.expression.UnaryArithNode;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.MoatNil;

/**
 * The numeric constant Lua 5.4's compiler folds an expression to (lcode.c, {@code constfolding}), or null.
 * Moat does not fold (the nodes compute the same values at run time), but Lua compiles {@code x - k} with an
 * integer constant k as {@code x + (-k)}, which differs from a subtraction in one place, the sign of a zero
 * result ({@code -0.0 - 0} is {@code 0.0} in Lua), and k is a constant after folding: {@code x - 2 * 0},
 * {@code x - (3 % 3)}, {@code x - k} with {@code local k <const> = 0} (read as its literal, see LocalVar#compileTimeConstant). Rules as Lua's: numbers only; bitwise
 * operators need operands with an integer representation; no division or modulo by zero; a float result
 * that is NaN or zero is not folded.
 */
final class LuaConstantFolding {
    private LuaConstantFolding() {
    }

    /** The folded value (Long or Double) of {@code node}, or null if Lua would not fold it to a number. */
    static Object fold(MoatExpressionNode node) {
        if (node instanceof LiteralNode literal) {
            Object v = literal.getValue();
            return v instanceof Long || v instanceof Double ? v : null;
        }
        if (node instanceof UnaryArithNode unary) {
            Object v = fold(unary.getOperand());
            return v == null ? null : arith(unary.getOp(), v, v);
        }
        if (node instanceof ArithNode binary) {
            Object a = fold(binary.getLeft());
            Object b = a == null ? null : fold(binary.getRight());
            return b == null ? null : arith(binary.getOp(), a, b);
        }
        return null;
    }

    /**
     * luaK_exp2const: the value of a constant expression (nil, a boolean, a string literal, or a number after
     * folding; a compile-time constant local reads as its literal), or null if {@code node} is none.
     */
    static Object constantValue(MoatExpressionNode node) {
        if (node instanceof LiteralNode literal) {
            Object v = literal.getValue();
            return v == MoatNil.NIL || v instanceof Boolean || v instanceof TruffleString ? v : fold(node);
        }
        return fold(node);
    }

    private static Object arith(ArithOp op, Object a, Object b) {
        if (op.bitwise) {
            Long x = LuaArith.toInteger(a);
            Long y = LuaArith.toInteger(b);
            return x == null || y == null ? null : op.onLongs(x, y);
        }
        if ((op == ArithOp.DIV || op == ArithOp.IDIV || op == ArithOp.MOD) && ((Number) b).doubleValue() == 0) {
            return null;
        }
        Object r = ArithFallbackNode.compute(op, a, b, null); // Lua's rules for two numbers, as at run time
        return r instanceof Double d && (Double.isNaN(d) || d == 0) ? null : r;
    }
}
