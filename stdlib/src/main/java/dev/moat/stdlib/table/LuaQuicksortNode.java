package dev.moat.stdlib.table;

import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.Budget;

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
 * <p>Every comparison and every element write is charged one instruction; safepoints are polled for
 * every interval and every 1024 steps of a partition.
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

    /**
     * Sorts {@code t[1..n]} in place; {@code n} &lt; 2^31 - 1, {@code comparator} nil or a function.
     * {@code t} is a table-like value, or an {@code Object[]} holding elements 1..n at 0..n-1 when the
     * caller has established that no guest code can observe the table during the sort.
     */
    void sort(Object t, long n, Object comparator) {
        Budget budget = MoatContext.get(this).budget;
        long[] pendingLo = new long[MAX_PENDING];
        long[] pendingUp = new long[MAX_PENDING];
        int[] pendingSeed = new int[MAX_PENDING];
        int pending = 0;
        long lo = 1;
        long up = n;
        int seed = 0; // 0: middle pivots; otherwise the pivot is chosen from the seed
        while (true) {
            while (lo < up) {
                TruffleSafepoint.poll(this);
                Object first = get(t, lo);
                Object last = get(t, up);
                if (less(budget, last, first, comparator)) {
                    write(budget, t, lo, last);
                    write(budget, t, up, first);
                }
                if (up - lo == 1) {
                    break;
                }
                long p = up - lo < RANDOM_PIVOT_LIMIT || seed == 0 ? (lo + up) / 2 : seededPivot(lo, up, seed);
                Object middle = get(t, p);
                first = get(t, lo);
                if (less(budget, middle, first, comparator)) {
                    write(budget, t, p, first);
                    write(budget, t, lo, middle);
                } else {
                    last = get(t, up);
                    if (less(budget, last, middle, comparator)) {
                        write(budget, t, p, last);
                        write(budget, t, up, middle);
                    }
                }
                if (up - lo == 2) {
                    break;
                }
                Object pivot = get(t, p);
                Object beforeLast = get(t, up - 1);
                write(budget, t, p, beforeLast);
                write(budget, t, up - 1, pivot);
                p = partition(budget, t, lo, up, pivot, comparator);
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
    private long partition(Budget budget, Object t, long lo, long up, Object pivot, Object comparator) {
        long i = lo;
        long j = up - 1;
        while (true) {
            Object atI;
            while (less(budget, atI = get(t, ++i), pivot, comparator)) {
                if (i == up - 1) { // a[i] < pivot, but a[up - 1] is the pivot
                    throw invalidOrder();
                }
                pollEvery1024(i);
            }
            Object atJ;
            while (less(budget, pivot, atJ = get(t, --j), comparator)) {
                if (j < i) { // j ran into the part already known to be <= pivot
                    throw invalidOrder();
                }
                pollEvery1024(j);
            }
            if (j < i) {
                write(budget, t, up - 1, atI);
                write(budget, t, i, pivot);
                return i;
            }
            write(budget, t, i, atJ);
            write(budget, t, j, atI);
        }
    }

    private boolean less(Budget budget, Object a, Object b, Object comparator) {
        budget.charge(1, this);
        return order.less(a, b, comparator);
    }

    /** The partition loops poll safepoints now and then, so that even one long partition can be cancelled. */
    private void pollEvery1024(long index) {
        if ((index & 1023) == 0) {
            TruffleSafepoint.poll(this);
        }
    }

    private void write(Budget budget, Object t, long i, Object value) {
        budget.charge(1, this);
        if (t instanceof Object[] array) {
            array[(int) (i - 1)] = value;
        } else {
            access.set(t, i, value);
        }
    }

    private Object get(Object t, long i) {
        if (t instanceof Object[] array) {
            return array[(int) (i - 1)];
        }
        return access.get(t, i);
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
