package dev.moat.stdlib.table;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.SequenceOperations;

import java.util.Arrays;

/**
 * The fast path of table.sort for the common case: a table without a metatable, no comparator, and
 * elements that are all integers, all strings, or all floats (no NaN, and not both signs of zero).
 * There no guest code can run during the sort (no comparator, no metamethods, no possible error), and
 * elements that compare equal cannot be told apart, so every correct sort leaves exactly the table Lua's
 * quicksort would leave; a JDK sort on a copy does it with less overhead per element.
 */
final class HomogeneousSort {
    private HomogeneousSort() {
    }

    /** Instructions charged for a fast sort of {@code n} elements: about n log2 n comparisons. */
    static long cost(long n) {
        return 1 + n * (64 - Long.numberOfLeadingZeros(n));
    }

    /** Sorts {@code t[1..n]} and returns true, or returns false (table untouched) if the fast path does not apply. */
    @TruffleBoundary
    static boolean trySort(MoatTable t, int n, Runnable charge) {
        if (n > 0 && SequenceOperations.isLongSequence(t, n)) {
            charge.run(); // an unboxed integer array part: sorted where it is
            SequenceOperations.sortLongSequence(t, n);
            return true;
        }
        if (n > 0 && SequenceOperations.isDoubleSequence(t, n)) {
            if (!sortableFloats(t, n)) {
                return false;
            }
            charge.run();
            SequenceOperations.sortDoubleSequence(t, n);
            return true;
        }
        Object first = t.getLong(1);
        if (first instanceof Long) {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                if (!(t.getLong(i + 1) instanceof Long v)) {
                    return false;
                }
                values[i] = v;
            }
            charge.run();
            Arrays.sort(values);
            for (int i = 0; i < n; i++) {
                t.putLong(i + 1, values[i]);
            }
            return true;
        }
        if (first instanceof Double) {
            double[] values = new double[n];
            boolean positiveZero = false;
            boolean negativeZero = false;
            for (int i = 0; i < n; i++) {
                if (!(t.getLong(i + 1) instanceof Double v) || Double.isNaN(v)) {
                    return false;
                }
                if (v == 0) {
                    positiveZero |= Double.doubleToRawLongBits(v) == 0;
                    negativeZero |= Double.doubleToRawLongBits(v) != 0;
                }
                values[i] = v;
            }
            if (positiveZero && negativeZero) {
                return false; // 0.0 and -0.0 compare equal but can be told apart
            }
            charge.run();
            Arrays.sort(values);
            for (int i = 0; i < n; i++) {
                t.putLong(i + 1, values[i]);
            }
            return true;
        }
        if (first instanceof TruffleString) {
            TruffleString[] values = new TruffleString[n];
            for (int i = 0; i < n; i++) {
                if (!(t.getLong(i + 1) instanceof TruffleString v)) {
                    return false;
                }
                values[i] = v;
            }
            charge.run();
            Arrays.sort(values, MoatStrings::compare);
            for (int i = 0; i < n; i++) {
                t.putLong(i + 1, values[i]);
            }
            return true;
        }
        return false;
    }

    /** True if the floats 1..n of a double[] array part hold no NaN and not both signs of zero. */
    private static boolean sortableFloats(MoatTable t, int n) {
        boolean positiveZero = false;
        boolean negativeZero = false;
        for (int i = 1; i <= n; i++) {
            double v = ArrayElements.doubleElement(t, i);
            if (Double.isNaN(v)) {
                return false;
            }
            if (v == 0) {
                positiveZero |= Double.doubleToRawLongBits(v) == 0;
                negativeZero |= Double.doubleToRawLongBits(v) != 0;
            }
        }
        return !(positiveZero && negativeZero);
    }

    /** The elements 1..n if every one is a number or a string (so `<` runs no guest code), else null. */
    @TruffleBoundary
    static Object[] numbersAndStrings(MoatTable t, int n) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            Object v = t.getLong(i + 1);
            if (!(v instanceof Long || v instanceof Double || v instanceof TruffleString)) {
                return null;
            }
            values[i] = v;
        }
        return values;
    }

    @TruffleBoundary
    static void writeBack(MoatTable t, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            t.putLong(i + 1, values[i]);
        }
    }
}
