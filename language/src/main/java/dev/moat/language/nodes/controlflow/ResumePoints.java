package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * How the statement containers of a generator body find their way back to a yield. Each resume point
 * (a block, an if, a loop containing a direct yield) has an index into the frame's marks array. When a
 * yield unwinds the body ({@link GeneratorYield}), each container on the way out writes a mark there saying
 * which part it was in (a block's statement, an if's branch, a loop's body); the next step enters the body
 * from the top with the resuming flag (index 0) set, and each container follows its mark instead of
 * starting afresh, down to the yield, which clears the flag. Marks are only read while that flag is set,
 * so running normally writes none of them. The marks live in an int array in {@link #MARKS_SLOT} rather
 * than in int slots of their own, so compiled code reads them without frame tag checks. Containers
 * outside generator bodies have index -1, and none of this runs.
 */
public final class ResumePoints {
    /** Slot 0 of every generator frame: its marks array; index 0 is 1 while a step descends to its yield. */
    public static final int MARKS_SLOT = 0;

    private ResumePoints() {
    }

    private static int[] marks(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObject(MARKS_SLOT), int[].class);
    }

    /** The mark a yield left at {@code index} while the body is being resumed; 0 otherwise. */
    public static int mark(VirtualFrame frame, int index) {
        if (index < 0) {
            return 0;
        }
        int[] marks = marks(frame);
        return marks[0] != 0 ? marks[index] : 0;
    }

    /** True if the body is being resumed through the container with mark {@code index}. */
    public static boolean isSuspended(VirtualFrame frame, int index) {
        return mark(frame, index) != 0;
    }

    /** Runs {@code part}, which a yield leaving it records as {@code mark} at {@code index} (if >= 0). */
    public static Object run(VirtualFrame frame, int index, int mark, MoatStatementNode part) {
        if (index < 0) {
            return part.runReturning(frame);
        }
        try {
            return part.runReturning(frame);
        } catch (GeneratorYield y) {
            marks(frame)[index] = mark;
            throw y;
        }
    }

    /** Starts a step that resumes a suspended body. */
    public static void startResuming(VirtualFrame frame) {
        marks(frame)[0] = 1;
    }

    /** A direct yield reached while resuming: the one that suspended the body. Clears the flag. */
    public static boolean arriveIfResuming(VirtualFrame frame) {
        int[] marks = marks(frame);
        if (marks[0] != 0) {
            marks[0] = 0;
            return true;
        }
        return false;
    }
}
