package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.Metatables;

/**
 * Lua's arithmetic and bitwise operators on already-converted numbers (Long or Double): the generic
 * path behind the typed specializations of each operator node.
 */
public enum ArithOp {
    ADD(Metatables.ADD, false), SUB(Metatables.SUB, false), MUL(Metatables.MUL, false),
    DIV(Metatables.DIV, false), MOD(Metatables.MOD, false), POW(Metatables.POW, false),
    IDIV(Metatables.IDIV, false),
    BAND(Metatables.BAND, true), BOR(Metatables.BOR, true), BXOR(Metatables.BXOR, true),
    SHL(Metatables.SHL, true), SHR(Metatables.SHR, true),
    UNM(Metatables.UNM, false), BNOT(Metatables.BNOT, true);

    public final TruffleString event;
    public final boolean bitwise;
    /** How Lua names the handler in "attempt to call a number value (metamethod 'add')". */
    public final String handlerDescription;

    ArithOp(TruffleString event, boolean bitwise) {
        this.event = event;
        this.bitwise = bitwise;
        this.handlerDescription = "metamethod '" + event.toJavaStringUncached().substring(2) + "'";
    }

    /** Integer operation (both operands integers); IDIV/MOD by zero is checked by the caller. */
    public long onLongs(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MOD -> Math.floorMod(a, b);
            case IDIV -> Math.floorDiv(a, b);
            case BAND -> a & b;
            case BOR -> a | b;
            case BXOR -> a ^ b;
            case SHL -> LuaArith.shiftLeft(a, b);
            case SHR -> LuaArith.shiftLeft(a, -b);
            case UNM -> -a;
            case BNOT -> ~a;
            default -> throw new IllegalStateException();
        };
    }

    public double onDoubles(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> modDouble(a, b);
            case POW -> LuaArith.pow(a, b);
            case IDIV -> Math.floor(a / b);
            case UNM -> -a;
            default -> throw new IllegalStateException();
        };
    }

    private static double modDouble(double a, double b) {
        if (Double.isInfinite(b) && !Double.isNaN(a) && !Double.isInfinite(a)) {
            if (a == 0 || (a > 0) == (b > 0)) {
                return a;
            }
            return b;
        }
        return LuaArith.fmod(a, b);
    }

    /** True when this operator on two integers gives an integer (everything but / and ^). */
    public boolean integerResult() {
        return this != DIV && this != POW;
    }
}
