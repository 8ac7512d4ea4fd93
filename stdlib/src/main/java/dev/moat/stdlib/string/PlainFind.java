package dev.moat.stdlib.string;

import com.oracle.truffle.api.ArrayUtils;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.strings.InternalByteArray;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MoatNil;

/**
 * {@code string.find} without patterns (the {@code plain} flag, or a pattern with no special characters):
 * a byte search. It runs in compiled code rather than behind a boundary, because the scan for the needle's
 * first byte is {@link ArrayUtils#indexOf}, which Graal compiles to a vectorised search (HotSpot's
 * compilers see only its Java loop).
 */
final class PlainFind {
    private PlainFind() {
    }

    /** find(s, p, init, true) on strings' bytes: {start, end} or nil; charges as the pattern path does. */
    static Object find(BuiltinNode node, InternalByteArray s, InternalByteArray p, long initArgument) {
        int length = s.getLength();
        long init = PatternBuiltins.startPosition(initArgument, length);
        if (init > length + 1L) {
            return MoatNil.NIL;
        }
        node.charge(PatternBuiltins.callCharge(p.getLength()));
        int at = indexOf(node, s.getArray(), s.getOffset(), length, p.getArray(), p.getOffset(), p.getLength(), (int) init - 1);
        return at < 0 ? MoatNil.NIL : new Object[]{(long) at + 1, (long) at + p.getLength()};
    }

    /**
     * Position (from the subject's start) of the needle at or after {@code from}, or -1. Charged for what the
     * search does, 1 per 64 bytes: the positions passed over and, at each candidate position (its first byte
     * matches), the bytes compared there; so a search that starts late or finds early pays little, and a
     * near-miss needle (n*m comparisons) pays for every comparison. The deadline is polled as the work
     * accumulates. The vectorised search passes over positions whose first byte differs without looking at
     * them one by one here.
     */
    static int indexOf(BuiltinNode node, byte[] s, int sOffset, int sLength, byte[] p, int pOffset, int pLength, int from) {
        if (pLength == 0) {
            return from <= sLength ? from : -1;
        }
        int last = sLength - pLength; // the last position the needle fits at
        long work = 0;
        byte first = p[pOffset];
        int i = from;
        while (i <= last) {
            int found = ArrayUtils.indexOf(s, sOffset + i, sOffset + last + 1, first);
            if (found < 0) {
                work += last + 1 - i;
                break;
            }
            found -= sOffset;
            int j = 1;
            while (j < pLength && s[sOffset + found + j] == p[pOffset + j]) {
                j++;
            }
            work += found - i + j;
            if (j == pLength) {
                node.charge(work >> 6);
                return found;
            }
            if (work >= (1 << 16)) {
                node.charge(work >> 6);
                work &= 63;
                TruffleSafepoint.poll(node);
            }
            i = found + 1;
        }
        node.charge(work >> 6);
        return -1;
    }
}
