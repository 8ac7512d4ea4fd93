package dev.moat.stdlib.table;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;

/**
 * table.sort's algorithm, following the behaviour of Lua 5.4's quicksort step by step so that every
 * comparator call, element read and element write happens in the same order as in lua5.4. That makes
 * the final order of elements that compare equal, and the outcome of inconsistent comparators
 * (a result, or "invalid order function for sorting"), the same as Lua's.
 *
 * <p>For each interval lo..up: order a[lo], a[up]; stop at 2 elements; pick the middle p and order
 * a[lo], a[p], a[up] (median of three); stop at 3; park the pivot at up - 1 and partition lo+1..up-2
 * with two indices that run towards each other; an index running past its bound on a "true" answer
 * means the comparator is inconsistent. Then the smaller side is sorted first and the larger after it.
 * Lua does that with recursion into the smaller side; here the larger side waits on an explicit stack
 * instead, which gives the same order of work with no Java recursion at all. The stack never holds more
 * than log2(n) intervals, because each interval being worked on is at most half of the one below it.
 *
 * <p>Lua picks a random pivot instead of the middle one for intervals of 100 or more elements after a
 * badly unbalanced partition; Moat uses a deterministic choice there (runs must be reproducible), so
 * only for such large, adversarial inputs may the order of equal elements differ from lua5.4's.
 *
 * <p>Every comparison and every element write is charged one instruction; comparisons poll safepoints.
 */
final class LuaQuicksortNode extends Node {
    /** Intervals smaller than this always use the middle element as pivot (Lua's RANLIMIT). */
    private static final long RANDOM_PIVOT_LIMIT = 100;
    /** More than enough for log2 of the largest sortable array (n < 2^31). */
    private static final int MAX_PENDING = 64;

    @Child private ElementAccessNode access = ElementAccessNode.create();
    @Child private SortOrderNode order = SortOrderNode.create();

    static LuaQuicksortNode create() {
        return new LuaQuicksortNode();
    }

    /** Sorts {@code t[1..n]} in place; {@code n} &lt; 2^31 - 1, {@code comparator} nil or a function. */
    void sort(Object t, long n, Object comparator) {
        long[] pendingLo = new long[MAX_PENDING];
        long[] pendingUp = new long[MAX_PENDING];
        int[] pendingSeed = new int[MAX_PENDING];
        int pending = 0;
        long lo = 1;
        long up = n;
        int seed = 0; // 0: middle pivots; otherwise the pivot is chosen from the seed
        while (true) {
            while (lo < up) {
                Object first = access.get(t, lo);
                Object last = access.get(t, up);
                if (less(last, first, comparator)) {
                    write(t, lo, last);
                    write(t, up, first);
                }
                if (up - lo == 1) {
                    break;
                }
                long p = up - lo < RANDOM_PIVOT_LIMIT || seed == 0 ? (lo + up) / 2 : seededPivot(lo, up, seed);
                Object middle = access.get(t, p);
                first = access.get(t, lo);
                if (less(middle, first, comparator)) {
                    write(t, p, first);
                    write(t, lo, middle);
                } else {
                    last = access.get(t, up);
                    if (less(last, middle, comparator)) {
                        write(t, p, last);
                        write(t, up, middle);
                    }
                }
                if (up - lo == 2) {
                    break;
                }
                Object pivot = access.get(t, p);
                Object beforeLast = access.get(t, up - 1);
                write(t, p, beforeLast);
                write(t, up - 1, pivot);
                p = partition(t, lo, up, pivot, comparator);
                // Work on the smaller side now; the larger waits, with a pivot seed if it is badly unbalanced.
                long smallerSize;
                if (p - lo < up - p) {
                    smallerSize = p - lo;
                    pendingLo[pending] = p + 1;
                    pendingUp[pending] = up;
                    up = p - 1;
                } else {
                    smallerSize = up - p;
                    pendingLo[pending] = lo;
                    pendingUp[pending] = p - 1;
                    lo = p + 1;
                }
                boolean unbalanced = (pendingUp[pending] - pendingLo[pending]) / 128 > smallerSize;
                pendingSeed[pending] = unbalanced ? newSeed(pendingLo[pending], pendingUp[pending]) : seed;
                pending++;
            }
            if (pending == 0) {
                return;
            }
            pending--;
            lo = pendingLo[pending];
            up = pendingUp[pending];
            seed = pendingSeed[pending];
        }
    }

    /**
     * Partitions lo..up around {@code pivot}, which sits at up - 1 (a[lo] &lt;= pivot &lt;= a[up] already).
     * Returns the pivot's final index.
     */
    private long partition(Object t, long lo, long up, Object pivot, Object comparator) {
        long i = lo;
        long j = up - 1;
        while (true) {
            Object atI;
            while (less(atI = access.get(t, ++i), pivot, comparator)) {
                if (i == up - 1) { // a[i] < pivot, but a[up - 1] is the pivot
                    throw invalidOrder();
                }
            }
            Object atJ;
            while (less(pivot, atJ = access.get(t, --j), comparator)) {
                if (j < i) { // j ran into the part already known to be <= pivot
                    throw invalidOrder();
                }
            }
            if (j < i) {
                write(t, up - 1, atI);
                write(t, i, pivot);
                return i;
            }
            write(t, i, atJ);
            write(t, j, atI);
        }
    }

    private boolean less(Object a, Object b, Object comparator) {
        MoatContext.get(this).budget.charge(1, this);
        TruffleSafepoint.poll(this);
        return order.less(a, b, comparator);
    }

    private void write(Object t, long i, Object value) {
        MoatContext.get(this).budget.charge(1, this);
        access.set(t, i, value);
    }

    private RuntimeException invalidOrder() {
        return TableErrors.withPosition(this, "invalid order function for sorting");
    }

    /** Lua's choosePivot: a point in the middle half of lo..up picked by the seed. */
    private static long seededPivot(long lo, long up, int seed) {
        long quarter = (up - lo) / 4;
        return Integer.toUnsignedLong(seed) % (quarter * 2) + lo + quarter;
    }

    /** Stands in for Lua's clock-and-time based seed: deterministic, never 0. */
    private static int newSeed(long lo, long up) {
        long x = lo * 0x9E3779B97F4A7C15L ^ up;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return (int) x | 1;
    }
}
