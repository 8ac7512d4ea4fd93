package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.ValueType;
import com.oracle.truffle.api.nodes.UnexpectedResultException;

/**
 * A number on its way from one node to the next, when the same site sees both subtypes: its bits (the
 * integer, or the float's raw bits) and whether it is a float. Never a Lua value: only nodes that ask for
 * it with {@code executeTagged} receive one, and they box what they return.
 *
 * <p>Why: a field read or an arithmetic result that is an integer on some runs and a float on others is a
 * merge of a {@code Long} and a {@code Double} box in compiled code, and Graal (CE, no path duplication)
 * must allocate the box that reaches the merge. Two objects of this one class merge into one whose fields
 * are merged, which escape analysis keeps in registers, so a chain such as
 * {@code a.x * b.x + a.y * b.y} allocates nothing until its value leaves the chain.
 */
@ValueType
public final class TaggedNumber {
    public final long bits;
    public final boolean isFloat;

    private TaggedNumber(long bits, boolean isFloat) {
        this.bits = bits;
        this.isFloat = isFloat;
    }

    public static TaggedNumber ofInteger(long value) {
        return new TaggedNumber(value, false);
    }

    public static TaggedNumber ofFloat(double value) {
        return new TaggedNumber(Double.doubleToRawLongBits(value), true);
    }

    /** A number whose float flag is {@code isFloat}: {@code bits} is the integer or the float's raw bits. */
    public static TaggedNumber of(long bits, boolean isFloat) {
        return new TaggedNumber(bits, isFloat);
    }

    public double asDouble() {
        return Double.longBitsToDouble(bits);
    }

    /** The Lua value: a Long or a Double. */
    public Object box() {
        if (isFloat) {
            return Double.longBitsToDouble(bits); // (an if, not ?: which would widen a Long to a double)
        }
        return bits;
    }

    /** {@code v} (a Long or a Double) as a tagged number; any other value comes back in the exception. */
    public static TaggedNumber expect(Object v) throws UnexpectedResultException {
        if (v instanceof Long l) {
            return ofInteger(l);
        }
        if (v instanceof Double d) {
            return ofFloat(d);
        }
        throw new UnexpectedResultException(v);
    }
}
