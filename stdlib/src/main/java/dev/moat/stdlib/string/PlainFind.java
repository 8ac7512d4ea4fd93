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
        node.charge(1 + length / 64);
        int at = indexOf(node, s.getArray(), s.getOffset(), length, p.getArray(), p.getOffset(), p.getLength(), (int) init - 1);
        return at < 0 ? MoatNil.NIL : new Object[]{(long) at + 1, (long) at + p.getLength()};
    }

    /**
     * Position (from the subject's start) of the needle at or after {@code from}, or -1. The scan is charged
     * by the caller (1 per 64 subject bytes); the bytes compared beyond the first at each position are
     * charged here as they accumulate (1 per 64), and the deadline is polled, so a near-miss needle (n*m
     * comparisons) is paid for like any other work. Positions whose first byte differs add nothing, so
     * the vectorised search skips them.
     */
    static int indexOf(BuiltinNode node, byte[] s, int sOffset, int sLength, byte[] p, int pOffset, int pLength, int from) {
        if (pLength == 0) {
            return from <= sLength ? from : -1;
        }
        int last = sLength - pLength; // the last position the needle fits at
        long extra = 0;
        byte first = p[pOffset];
        int i = from;
        while (i <= last) {
            int found = ArrayUtils.indexOf(s, sOffset + i, sOffset + last + 1, first);
            if (found < 0) {
                break;
            }
            i = found - sOffset;
            int j = 1;
            while (j < pLength && s[sOffset + i + j] == p[pOffset + j]) {
                j++;
            }
            if (j == pLength) {
                node.charge(extra >> 6);
                return i;
            }
            extra += j;
            if (extra >= (1 << 16)) {
                node.charge(extra >> 6);
                extra &= 63;
                TruffleSafepoint.poll(node);
            }
            i++;
        }
        node.charge(extra >> 6);
        return -1;
    }
}
