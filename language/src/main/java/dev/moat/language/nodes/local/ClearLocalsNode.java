package dev.moat.language.nodes.local;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.MoatNil;

/**
 * Ends frame slots whose values are dead: a loop body's locals where the block ends, the temporaries of a
 * multiple assignment after it, a loop's control variables after each iteration, a nested loop's slots
 * after the loop. Nothing reads them again before they are written, but compiled code does not know that:
 * each deoptimisation point keeps every slot of the frame alive, so a slot written in a loop is a
 * loop-carried value (a phi) even when it is dead. That costs twice. A table held there escapes, so Graal's
 * escape analysis allocates every table a loop builds and drops (120 bytes and three quarters of the time
 * per iteration of such a loop). And numbers held there occupy registers or stack slots around every
 * enclosing loop: queens' and fannkuch's loops moved a dozen dead values between stack slots per iteration.
 *
 * <p>The slots get the frame's initial value (nil), not {@code Frame.clear}: the slot then leaves the loop
 * in the state it entered it and needs no phi at all, where a cleared slot merges "illegal" with the value
 * it had on entry (measured: clearing made queens slower than doing nothing, the reset twice as fast).
 *
 * <p>That is free only where the frame is virtual, in a function compiled as a whole: there the writes are
 * compile-time state. In the interpreter they are work, and in a loop compiled by on-stack replacement
 * (which runs on the interpreter's frame in memory) stores for nothing, since a value stored in that frame
 * has escaped anyway (clearing every local there cost bf's interpreter loop 13 % and lzw's loops 20-30 %).
 * So the slots are reset only in a frame that the function's root marked as compiled
 * ({@link #markCompiledFrame}); the test of that mark folds to a constant in compiled code, and is a load
 * and a branch in the interpreter and in OSR code.
 */
public final class ClearLocalsNode extends MoatStatementNode {
    @CompilationFinal(dimensions = 1) private final int[] slots;
    private final int compiledFrameSlot;

    /** {@code compiledFrameSlot}: the function's mark slot (see FunctionRootNode), or -1 where frames are never marked. */
    public ClearLocalsNode(int[] slots, int compiledFrameSlot) {
        this.slots = slots;
        this.compiledFrameSlot = compiledFrameSlot;
    }

    /**
     * Marks {@code frame} as the virtual frame of a compiled call (from the function's root only). A
     * deoptimisation hands the mark on to the interpreter, which then resets that frame's slots too.
     */
    public static void markCompiledFrame(VirtualFrame frame, int compiledFrameSlot) {
        if (compiledFrameSlot >= 0 && CompilerDirectives.inCompiledCode()) {
            frame.setBoolean(compiledFrameSlot, true);
        }
    }

    @Override
    @ExplodeLoop
    public void executeVoid(VirtualFrame frame) {
        if (compiledFrameSlot >= 0 && frame.isBoolean(compiledFrameSlot)) {
            for (int slot : slots) {
                frame.setObject(slot, MoatNil.NIL);
            }
        }
    }
}
