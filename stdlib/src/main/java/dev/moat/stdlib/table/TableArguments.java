package dev.moat.stdlib.table;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;

/** Argument checks shared by the table functions, and the metering of long element loops. */
final class TableArguments {
    /** What a function does with its table argument (ltablib's TAB_R, TAB_W, TAB_L). */
    static final int READ = 1;
    static final int WRITE = 2;
    static final int LENGTH = 4;

    /** Element moves are charged one instruction per this many, a block at a time. */
    private static final int MOVES_PER_INSTRUCTION = 8;
    private static final int BLOCK = 1024;

    private TableArguments() {
    }

    /**
     * ltablib's checktab: a table, or any value whose metatable has every metamethod the function needs
     * (read raw, present and not nil); anything else is "table expected".
     */
    static void checkTableLike(BuiltinNode node, Object v, int arg, int needs) {
        if (v instanceof MoatTable) {
            return;
        }
        MoatTable mt = Metatables.of(MoatContext.get(node), v);
        if (mt != null && provides(mt, needs, READ, Metatables.INDEX) && provides(mt, needs, WRITE, Metatables.NEWINDEX)
                && provides(mt, needs, LENGTH, Metatables.LEN)) {
            return;
        }
        throw node.typeError(arg, "table", v);
    }

    private static boolean provides(MoatTable mt, int needs, int need, TruffleString event) {
        if ((needs & need) == 0) {
            return true;
        }
        Object h = mt.get(event);
        return h != null && h != MoatNil.NIL;
    }

    /**
     * Called before move number {@code done} of {@code total}: at the start of every block, charges the
     * block's moves in advance and polls safepoints, so long loops stay metered and cancellable.
     */
    static void meterMoves(BuiltinNode node, long done, long total) {
        if (done % BLOCK == 0) {
            long block = Math.min(BLOCK, total - done);
            node.charge(1 + block / MOVES_PER_INSTRUCTION);
            TruffleSafepoint.poll(node);
        }
    }

    /**
     * Charges {@code total} moves made at once exactly as {@link #meterMoves} charges them one by one
     * (same blocks, same polls), so the fast bulk shift of a plain table counts what the element-wise
     * shift counts: budgets stay the same whichever path a table takes.
     */
    static void meterBulkMoves(BuiltinNode node, long total) {
        for (long done = 0; done < total; done += BLOCK) {
            meterMoves(node, done, total);
        }
    }
}
