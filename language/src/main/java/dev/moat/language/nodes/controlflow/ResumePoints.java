package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * How the statement containers of a generator body find their way back to a yield. Each resume point
 * (a block, an if, a loop containing a direct yield) has an index into the frame's marks array, where a mark
 * says which part of the container a yield left (a block's statement, an if's branch, a loop's body). A
 * direct yield writes the marks of every container between it and the body's root before it unwinds the body
 * ({@link GeneratorYield}, {@link #recordYield}: the way is fixed at translation, see
 * {@link ResumeContainer}); the next step enters the body from the top with the resuming flag (index 0) set,
 * and each container follows its mark instead of starting afresh, down to the yield, which clears the flag.
 * Marks are only read while that flag is set. The marks live in an int array in the static slot
 * {@link #MARKS_SLOT} rather than in int slots of their own, so compiled code reads them without frame tag
 * checks (a static slot has none: it is set once, when the frame is made). Containers
 * outside generator bodies have index -1, and none of this runs.
 *
 * <p>Index 0 also says whether the step runs bare (without a continuation of its own, see
 * {@link GeneratorBail}): a bail is recorded like a yield, except that the innermost block stores the
 * negated mark of its statement, which the next descent runs again from its start (clearing the resuming
 * flag there), and a generic {@code for} or a {@code repeat} condition record where in their iteration the
 * bail left them. A bail from the function's final return sets {@link #AT_FINAL_RETURN}.
 */
public final class ResumePoints {
    /** Slot 0 of every generator frame: its marks array; index 0 holds the step's flags below. */
    public static final int MARKS_SLOT = 0;
    /** Flag of index 0: the step descends to where the last one stopped. */
    private static final int RESUMING = 1;
    /** Flag of index 0: the step runs bare (see GeneratorBail). */
    private static final int BARE = 2;
    /** Flag of index 0: the last step bailed out of the function's final return, which the next one evaluates. */
    private static final int AT_FINAL_RETURN = 4;

    private ResumePoints() {
    }

    private static int[] marks(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObjectStatic(MARKS_SLOT), int[].class);
    }

    /** The mark a yield left at {@code index} while the body is being resumed; 0 otherwise. */
    public static int mark(VirtualFrame frame, int index) {
        if (index < 0) {
            return 0;
        }
        int[] marks = marks(frame);
        return (marks[0] & RESUMING) != 0 ? marks[index] : 0;
    }

    /** True if the body is being resumed through the container with mark {@code index}. */
    public static boolean isSuspended(VirtualFrame frame, int index) {
        return mark(frame, index) != 0;
    }

    /**
     * Runs {@code part}, which a bail leaving it records as {@code mark} at {@code index} (if >= 0); a yield
     * leaving it has recorded the same mark there already (see {@link #recordYield}).
     */
    public static Object run(VirtualFrame frame, int index, int mark, MoatStatementNode part) {
        if (index < 0) {
            return part.runReturning(frame);
        }
        try {
            return part.runReturning(frame);
        } catch (GeneratorBail b) {
            marks(frame)[index] = mark;
            throw b;
        }
    }

    /**
     * Writes the marks a direct yield leaves on its way out of the body: {@code path} holds pairs of resume
     * point and mark, constants of the yield's node (see ResumeContainer).
     */
    @ExplodeLoop
    public static void recordYield(VirtualFrame frame, int[] path) {
        int[] marks = marks(frame);
        for (int k = 0; k < path.length; k += 2) {
            marks[path[k]] = path[k + 1];
        }
    }

    /**
     * Runs one iteration's body of a loop with resume point {@code index} (a yield leaving it records 1): the
     * value a {@code return} in it gives, {@link RepeatingNode#BREAK_LOOP_STATUS} after a {@code break}, or null
     * when the loop goes on.
     */
    public static Object runLoopBody(VirtualFrame frame, int index, MoatStatementNode body) {
        try {
            return run(frame, index, 1, body);
        } catch (BreakException e) {
            return RepeatingNode.BREAK_LOOP_STATUS;
        }
    }

    /**
     * Runs statement {@code i} of the block with resume point {@code index}: a yield leaving it has recorded
     * 1 + i (see {@link #recordYield}), a bail that no inner block has placed records -(1 + i), where the
     * next step runs it again.
     */
    public static Object runStatement(VirtualFrame frame, int index, int i, MoatStatementNode statement) {
        try {
            return statement.runReturning(frame);
        } catch (GeneratorBail b) {
            marks(frame)[index] = b.place() ? -(i + 1) : i + 1;
            throw b;
        }
    }

    /** Records {@code mark} at {@code index} for a bail leaving a loop's own part (its header, its condition). */
    public static GeneratorBail placeAt(VirtualFrame frame, int index, int mark, GeneratorBail b) {
        b.place();
        marks(frame)[index] = mark;
        return b;
    }

    /** Starts a step that resumes a suspended body; {@code bare}: it runs without a continuation. */
    public static void startResuming(VirtualFrame frame, boolean bare) {
        int[] marks = marks(frame);
        marks[0] = (marks[0] & AT_FINAL_RETURN) | RESUMING | (bare ? BARE : 0);
    }

    /** Starts the first step of a body; {@code bare}: it runs without a continuation. */
    public static void startFresh(VirtualFrame frame, boolean bare) {
        marks(frame)[0] = bare ? BARE : 0;
    }

    /** A direct yield reached while resuming: the one that suspended the body. Clears the flag. */
    public static boolean arriveIfResuming(VirtualFrame frame) {
        int[] marks = marks(frame);
        int flags = marks[0];
        if ((flags & RESUMING) != 0) {
            marks[0] = flags & ~RESUMING;
            return true;
        }
        return false;
    }

    /** The descent has reached where a bail stopped the last step: from here the step runs afresh. */
    public static void arriveAtBail(VirtualFrame frame) {
        int[] marks = marks(frame);
        marks[0] &= ~RESUMING;
    }

    /** True if the running step of this generator body has no continuation of its own. */
    public static boolean isBare(VirtualFrame frame) {
        return (marks(frame)[0] & BARE) != 0;
    }

    /** A bail out of a bare step (see GeneratorBail). */
    public static GeneratorBail bail() {
        return new GeneratorBail();
    }

    /** Records that a bail left the function's final return (no block placed it). */
    public static void bailedAtFinalReturn(VirtualFrame frame) {
        marks(frame)[0] |= AT_FINAL_RETURN;
    }

    /** True (once: clears the flags but bare) if this step resumes at the final return a bail left. */
    public static boolean resumeAtFinalReturn(VirtualFrame frame) {
        int[] marks = marks(frame);
        int flags = marks[0];
        if ((flags & AT_FINAL_RETURN) != 0) {
            marks[0] = flags & BARE;
            return true;
        }
        return false;
    }
}
