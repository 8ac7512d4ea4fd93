package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.Arrays;

/**
 * Whole-sequence operations of the table library on a table's array part, each one array operation
 * instead of an element-wise loop: the shifts of {@code table.insert}/{@code table.remove} at a position
 * (charged by the caller exactly as the element-wise moves would be) and the in-place sort of a sequence
 * that is all integers or all floats. Callers check that the table has no metatable.
 */
public final class SequenceOperations {
    private SequenceOperations() {
    }

    /** True if {@link #shiftUp} may be used: the element after the array part can still be appended. */
    public static boolean canShiftUp(MoatTable t) {
        return t.size > 0 && t.size + 1L < ArrayStorage.APPEND_LIMIT;
    }

    /**
     * {@code t[i + 1] = t[i]} for i = size down to {@code pos} (1 <= pos <= size), what table.insert
     * does before storing at {@code pos}, as one array copy: the last element is appended (growing the
     * array part, and taking over following keys from the hash part as any append does) and the rest
     * moves within the array, holes included.
     */
    public static void shiftUp(MoatTable t, long pos) {
        int oldSize = t.size;
        t.putLong(oldSize + 1L, ArrayStorage.read(t.array, oldSize - 1)); // never a hole: the array part never ends with one
        int p = (int) pos;
        System.arraycopy(t.array, p - 1, t.array, p, oldSize - p);
    }

    /**
     * {@code t[i] = t[i + 1]} for i = pos up to size - 1, then {@code t[size] = nil} (1 <= pos < size),
     * what table.remove does after reading {@code t[pos]}, as one array copy.
     */
    public static void shiftDown(MoatTable t, long pos) {
        int p = (int) pos;
        System.arraycopy(t.array, p, t.array, p - 1, t.size - p);
        t.putLong(t.size, MoatNil.NIL);
    }

    /** True if elements 1..n lie in a long[] array part (so they are all integers, with no holes). */
    public static boolean isLongSequence(MoatTable t, int n) {
        return t.array instanceof long[] && n <= t.size;
    }

    /** True if elements 1..n lie in a double[] array part (so they are all floats, with no holes). */
    public static boolean isDoubleSequence(MoatTable t, int n) {
        return t.array instanceof double[] && n <= t.size;
    }

    /** Sorts elements 1..n in place, ascending; only after {@link #isLongSequence}. */
    @TruffleBoundary
    public static void sortLongSequence(MoatTable t, int n) {
        Arrays.sort((long[]) t.array, 0, n);
    }

    /**
     * Sorts elements 1..n in place, ascending; only after {@link #isDoubleSequence}, and only when they
     * hold no NaN and not both zeros (whose order Java and Lua would see differently).
     */
    @TruffleBoundary
    public static void sortDoubleSequence(MoatTable t, int n) {
        Arrays.sort((double[]) t.array, 0, n);
    }
}
