package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * What a field read site has seen its number fields hold: integers, floats or both (see
 * {@link TableFields#fieldValue}). Compiled code keeps only the subtype the site expects, so the value
 * stays unboxed into the arithmetic that consumes it; a read of the other subtype deoptimises.
 *
 * <p>Unlike a plain condition profile it follows a site whose subtype changed once: a record built
 * with integer zeros and then updated with floats ({@code {x = 0}}, then {@code x = x + 0.5 * v}, as
 * in n-body) is read as an integer for a few iterations and as a float ever after, and a profile that
 * remembered both would compile both for good (a merge of a boxed Long and a boxed Double, which
 * allocates both: n-body's {@code advance} compiled to twice the nodes). A site that changes back to the
 * subtype it left (vectors built from integer and from float literals read by the same arithmetic, or
 * n-body's system rebuilt with integer zeros on every run) settles on both at that second change: each
 * change deoptimises the compiled code around the site, which Graal then compiles again, and with four
 * changes allowed n-body spent its first six to eight runs recompiling (FieldSubtypeSettlingTest).
 */
public final class FieldSubtypeProfile {
    private static final byte NONE = 0;
    private static final byte INTEGERS = 1;
    private static final byte FLOATS = 2;
    private static final byte BOTH = 3;
    /** Changes of subtype a site follows (each one in compiled code a deoptimisation) before it keeps both. */
    private static final int MAX_CHANGES = 1;

    private static final FieldSubtypeProfile UNCACHED = new FieldSubtypeProfile(BOTH);

    @CompilationFinal private byte state;
    private int changes;

    private FieldSubtypeProfile(byte state) {
        this.state = state;
    }

    public static FieldSubtypeProfile create() {
        return new FieldSubtypeProfile(NONE);
    }

    /** A profile that expects both subtypes, for uncached and rarely run reads. */
    public static FieldSubtypeProfile getUncached() {
        return UNCACHED;
    }

    /**
     * Set once the site's reader takes numbers as {@link TaggedNumber}s (a FieldExpressionNode under a
     * TaggedArithNode): the read then hands a number over as one instead of a Long or Double box.
     */
    @CompilationFinal private boolean tagged;

    /** Interpreter only: the site's numbers are to be read as {@link TaggedNumber}s from now on. */
    public void requestTagged() {
        CompilerDirectives.transferToInterpreterAndInvalidate();
        tagged = true;
    }

    public boolean tagged() {
        return tagged;
    }

    /** Returns {@code isFloat}, recording it; compiled code assumes the subtypes seen so far. */
    public boolean profile(boolean isFloat) {
        byte s = state;
        if (s != BOTH && s != (isFloat ? FLOATS : INTEGERS)) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            record(isFloat);
        }
        return isFloat;
    }

    private void record(boolean isFloat) {
        if (state != NONE && ++changes > MAX_CHANGES) {
            state = BOTH;
        } else {
            state = isFloat ? FLOATS : INTEGERS;
        }
    }
}
