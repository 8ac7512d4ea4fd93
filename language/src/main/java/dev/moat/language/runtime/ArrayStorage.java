package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * The storage strategies of a table's array part (see {@link MoatTable}). The part is one Java array
 * whose class is the strategy:
 * <ul>
 * <li>{@code long[]} — every element is a Lua integer (no holes), stored unboxed;</li>
 * <li>{@code double[]} — every element is a Lua float (no holes), stored unboxed with its exact bits,
 * so -0.0 and NaNs of either sign survive;</li>
 * <li>{@code Object[]} — anything, holes are Java null.</li>
 * </ul>
 * A table starts {@link #UNDECIDED}; its first element picks {@code long[]} or {@code double[]} (or
 * {@code Object[]} for other values). Storing a value the strategy cannot hold, or making a hole before
 * the last element, generalises to {@code Object[]} once; a table never goes back, so a site that
 * sees a table flip sees it once. Integers and floats stay distinct: a {@code double[]} never holds
 * an integer and a {@code long[]} never holds a float.
 */
final class ArrayStorage {
    /** The storage of a table that has never had an array element; distinct from every Object[] in use. */
    static final Object[] UNDECIDED = new Object[0];

    static final int MIN_CAPACITY = 4;
    /** Keys past this stay in the hash part, so the array size never overflows an int. */
    static final long APPEND_LIMIT = Integer.MAX_VALUE - 8;

    private ArrayStorage() {
    }

    /**
     * True if {@code store} is the general strategy. Every Object[] part is exactly {@code Object[]} (never
     * an array of a subclass, see MoatTable.ofArray), so the test is one compare of the array's class, and
     * {@link #objects} tells the compiler the exact type: an {@code instanceof Object[]} also has to load
     * the class's supertype display, a load more in the dependent chain in front of every element access,
     * and a store into an array of unknown element type needs a store check.
     */
    static boolean isObjects(Object store) {
        return store.getClass() == Object[].class;
    }

    /** {@code store} as the general strategy, after {@link #isObjects}. */
    static Object[] objects(Object store) {
        return CompilerDirectives.castExact(store, Object[].class);
    }

    /** The strategy a first element {@code value} picks, with room for {@code capacity} elements. */
    static Object allocateFor(Object value, int capacity) {
        if (value instanceof Long) {
            return new long[capacity];
        }
        if (value instanceof Double) {
            return new double[capacity];
        }
        return new Object[capacity];
    }

    /** The strategy for a whole sequence of positional values (nil entries are holes). */
    static Object allocateForSequence(Object[] values, int n) {
        Class<?> kind = sequenceKind(values, n);
        if (kind == Long.class) {
            return new long[n];
        }
        if (kind == Double.class) {
            return new double[n];
        }
        return new Object[n];
    }

    /**
     * {@code items} (n &gt; 0 of them, none nil; an exactly {@code Object[]} array the caller gives up) as an
     * array part of the strategy {@link #allocateForSequence} picks: copied into a primitive array, or
     * the array itself.
     */
    static Object adoptSequence(Object[] items, int n) {
        Class<?> kind = sequenceKind(items, n);
        if (kind == Object.class) {
            return items;
        }
        Object store = kind == Long.class ? new long[n] : new double[n];
        for (int i = 0; i < n; i++) {
            write(store, i, items[i]);
        }
        return store;
    }

    /** Long or Double if all {@code n} values are integers or all floats (n &gt; 0), else Object. */
    private static Class<?> sequenceKind(Object[] values, int n) {
        Object first = n == 0 ? null : values[0];
        boolean allLong = first instanceof Long;
        boolean allDouble = first instanceof Double;
        for (int i = 1; i < n && (allLong || allDouble); i++) {
            Object v = values[i];
            allLong &= v instanceof Long;
            allDouble &= v instanceof Double;
        }
        return allLong ? Long.class : allDouble ? Double.class : Object.class;
    }

    /** True if {@code store} can hold {@code value} (non-nil) without generalising. */
    static boolean accepts(Object store, Object value) {
        if (store instanceof long[]) {
            return value instanceof Long;
        }
        if (store instanceof double[]) {
            return value instanceof Double;
        }
        return true;
    }

    /** True if {@code store} can hold items 0..n-1 of {@code values} (nil ones as holes) without generalising. */
    static boolean acceptsAll(Object store, Object[] values, int n) {
        if (store instanceof Object[]) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            Object v = values[i];
            if (v == null || v == MoatNil.NIL || !accepts(store, v)) {
                return false;
            }
        }
        return true;
    }

    /** Element {@code i} (0-based, below the size), boxed; null is a hole. */
    static Object read(Object store, int i) {
        if (store instanceof long[] longs) {
            return longs[i];
        }
        if (store instanceof double[] doubles) {
            return doubles[i];
        }
        return objects(store)[i];
    }

    /** Stores {@code value} at {@code i}; the store must {@link #accepts accept} it (null only in Object[]). */
    static void write(Object store, int i, Object value) {
        if (store instanceof long[] longs) {
            longs[i] = (Long) value;
        } else if (store instanceof double[] doubles) {
            doubles[i] = (Double) value;
        } else {
            objects(store)[i] = value;
        }
    }

    static int capacity(Object store) {
        if (store instanceof long[] longs) {
            return longs.length;
        }
        if (store instanceof double[] doubles) {
            return doubles.length;
        }
        return ((Object[]) store).length;
    }

    /**
     * A copy of {@code store} (same strategy) with room for at least {@code needed} elements. The capacity
     * doubles, as Lua's array part does: growing by half allocated and copied about 1.75 times as many slots
     * while a loop appended to a table, and appends ran 25 % slower for it (at most half the slots are then
     * unused, 8 bytes each, which the 32 bytes a new entry is charged still cover).
     */
    @TruffleBoundary
    static Object grow(Object store, int size, int needed) {
        int length = capacity(store);
        int cap = (int) Math.max(MIN_CAPACITY, Math.min(2L * length, APPEND_LIMIT));
        if (cap < needed) {
            cap = needed;
        }
        if (store instanceof long[] longs) {
            long[] bigger = new long[cap];
            System.arraycopy(longs, 0, bigger, 0, size);
            return bigger;
        }
        if (store instanceof double[] doubles) {
            double[] bigger = new double[cap];
            System.arraycopy(doubles, 0, bigger, 0, size);
            return bigger;
        }
        Object[] bigger = new Object[cap];
        System.arraycopy(store, 0, bigger, 0, size);
        return bigger;
    }

    /** The elements 0..size-1 of {@code store} boxed into an Object[] of the same capacity (at least 4). */
    @TruffleBoundary
    static Object[] generalise(Object store, int size) {
        if (store instanceof Object[] objects && store != UNDECIDED) {
            return objects;
        }
        Object[] general = new Object[Math.max(MIN_CAPACITY, capacity(store))];
        for (int i = 0; i < size; i++) {
            general[i] = read(store, i);
        }
        return general;
    }
}
