package dev.moat.language.runtime;

/**
 * Unboxed access to a table's array part by strategy, for the index nodes' DSL specialisations: each
 * {@code has…}/{@code accepts…} guard says whether the element can be read or written raw in the current
 * strategy ({@code long[]}, {@code double[]}, {@code Object[]}, see {@link ArrayStorage}), and the matching
 * accessor does it without boxing. Everything else (strategy changes, holes, the hash part, metatables)
 * goes through {@link MoatTable}'s general put/get.
 */
public final class ArrayElements {
    private ArrayElements() {
    }

    /**
     * A float key as the integer key it names (Lua converts a float with an integer value: {@code t[2.0]} is
     * {@code t[2]}), or 0, which no array part holds, for a float without one (1.5, NaN, out of range).
     * Code that computes its indices with {@code /} or {@code 2^n} indexes with floats throughout.
     */
    public static long floatIndex(double key) {
        long k = (long) key;
        return k == key ? k : 0;
    }

    /**
     * True if {@code k} is within the array part: {@code 1 <= k <= size} as one unsigned comparison of
     * {@code k - 1} (a key below 1 wraps to a huge value), one compare-and-branch in compiled code where
     * the two signed tests took two.
     */
    public static boolean inArrayPart(MoatTable t, long k) {
        return Long.compareUnsigned(k - 1, t.size) < 0;
    }

    /**
     * Reads {@code t[first]} to {@code t[first + out.length - 1]} into {@code out} (numbers boxed, holes as nil)
     * when all of them lie in the array part, choosing the strategy once, before the loop; returns false, out
     * untouched, otherwise. Only for a table without metatable (a hole would ask its {@code __index}).
     * table.unpack read element by element, each read testing the strategy inside its loop, and a site that
     * unpacked tables of two strategies deoptimised its compiled code once per compilation of every caller
     * that inlined it: Graal had moved the loop-invariant test out of the loop on a speculation, which the
     * other strategy failed (golden tables/unpack_strategies).
     */
    public static boolean readElements(MoatTable t, long first, Object[] out) {
        int n = out.length;
        if (first < 1 || first - 1 > t.size - n) {
            return false;
        }
        int from = (int) (first - 1);
        Object store = t.array;
        if (ArrayStorage.isObjects(store)) {
            Object[] objects = ArrayStorage.objects(store);
            for (int k = 0; k < n; k++) {
                Object v = objects[from + k];
                out[k] = v == null ? MoatNil.NIL : v;
            }
        } else if (store instanceof long[] longs) {
            for (int k = 0; k < n; k++) {
                out[k] = longs[from + k];
            }
        } else if (store instanceof double[] doubles) {
            for (int k = 0; k < n; k++) {
                out[k] = doubles[from + k];
            }
        } else {
            return false;
        }
        return true;
    }

    /** True if {@code t[k]} is an element of a long[] array part, so {@link #longElement} may read it. */
    public static boolean hasLongElement(MoatTable t, long k) {
        return t.array instanceof long[] && inArrayPart(t, k);
    }

    /** {@code t[k]} of a long[] array part, unboxed; only after {@link #hasLongElement}. */
    public static long longElement(MoatTable t, long k) {
        return ((long[]) t.array)[(int) (k - 1)];
    }

    /** True if {@code t[k]} is an element of a double[] array part, so {@link #doubleElement} may read it. */
    public static boolean hasDoubleElement(MoatTable t, long k) {
        return t.array instanceof double[] && inArrayPart(t, k);
    }

    /** {@code t[k]} of a double[] array part, unboxed; only after {@link #hasDoubleElement}. */
    public static double doubleElement(MoatTable t, long k) {
        return ((double[]) t.array)[(int) (k - 1)];
    }

    /** True if {@code t[k]} is a present element of an Object[] array part, so {@link #objectElement} may read it. */
    public static boolean hasObjectElement(MoatTable t, long k) {
        Object store = t.array;
        return ArrayStorage.isObjects(store) && inArrayPart(t, k) && ArrayStorage.objects(store)[(int) (k - 1)] != null;
    }

    /** {@code t[k]} of an Object[] array part; only after {@link #hasObjectElement}. */
    public static Object objectElement(MoatTable t, long k) {
        return ArrayStorage.objects(t.array)[(int) (k - 1)];
    }

    /** {@code t[k] = v} of a present element of a long[] array part; only after {@link #hasLongElement}. */
    public static void overwriteLongElement(MoatTable t, long k, long v) {
        ((long[]) t.array)[(int) (k - 1)] = v;
    }

    /** {@code t[k] = v} of a present element of a double[] array part; only after {@link #hasDoubleElement}. */
    public static void overwriteDoubleElement(MoatTable t, long k, double v) {
        ((double[]) t.array)[(int) (k - 1)] = v;
    }

    /** True if {@code value} is not nil and {@code t[k]} a present element of an Object[] array part. */
    public static boolean overwritesObjectElement(MoatTable t, long k, Object value) {
        return value != MoatNil.NIL && hasObjectElement(t, k);
    }

    /** {@code t[k] = v} (not nil) of a present element of an Object[] array part; only after {@link #overwritesObjectElement}. */
    public static void overwriteObjectElement(MoatTable t, long k, Object v) {
        ArrayStorage.objects(t.array)[(int) (k - 1)] = v;
    }

    /**
     * True if the non-nil {@code value} can be stored raw at {@code k} by {@link #setObjectElement} without
     * changing strategy: {@code k} is a present element of an Object[] array part (so no
     * {@code __newindex}), or the next one of a table without metatable.
     */
    public static boolean acceptsObjectElement(MoatTable t, long k, Object value) {
        Object store = t.array;
        if (!ArrayStorage.isObjects(store) || value == MoatNil.NIL) {
            return false;
        }
        Object[] objects = ArrayStorage.objects(store);
        if (inArrayPart(t, k)) {
            return objects[(int) (k - 1)] != null;
        }
        return k - 1 == t.size && t.getMetatable() == null && k < ArrayStorage.APPEND_LIMIT
                        && (store != ArrayStorage.UNDECIDED || !(value instanceof Long || value instanceof Double));
    }

    /**
     * Raw {@code t[k] = value} after {@link #acceptsObjectElement}; returns true if a new entry was made.
     * A first element that is not a number grows {@link ArrayStorage#UNDECIDED} into the general strategy.
     */
    public static boolean setObjectElement(MoatTable t, long k, Object value) {
        Object[] objects = ArrayStorage.objects(t.array);
        int i = (int) (k - 1);
        if (i < t.size) {
            objects[i] = value;
            return false;
        }
        if (i == objects.length) {
            objects = (Object[]) (t.array = ArrayStorage.grow(objects, t.size, t.size + 1));
        }
        objects[i] = value;
        t.size++;
        t.migrateIfHashed();
        return true;
    }

    /**
     * True if {@code k} is the last element of the array part (which never ends with a hole), so
     * {@code t[k] = nil} only shrinks it ({@link MoatTable#removeLastElement}); a present key never
     * consults {@code __newindex}.
     */
    public static boolean isLastElement(MoatTable t, long k) {
        return k >= 1 && k == t.size;
    }

    /**
     * True if an integer can be stored raw at {@code k} by {@link #setLongElement} without changing
     * strategy: {@code k} is an element of a long[] array part (present, so no {@code __newindex}), or
     * the next one of a table without metatable (also the first element of an undecided array part).
     */
    public static boolean acceptsLongElement(MoatTable t, long k) {
        Object store = t.array;
        return (store instanceof long[] || store == ArrayStorage.UNDECIDED) && presentOrRawAppend(t, k);
    }

    /** {@code k} is within a primitive array part, or the next key of a table whose appends need no metamethod. */
    private static boolean presentOrRawAppend(MoatTable t, long k) {
        return inArrayPart(t, k) || k - 1 == t.size && t.getMetatable() == null && k < ArrayStorage.APPEND_LIMIT;
    }

    /** Raw {@code t[k] = v} after {@link #acceptsLongElement}; returns true if a new entry was made. */
    public static boolean setLongElement(MoatTable t, long k, long v) {
        long[] longs;
        if (t.array instanceof long[] picked) {
            longs = picked;
        } else {
            longs = new long[ArrayStorage.MIN_CAPACITY]; // the first element picks the strategy
            t.array = longs;
        }
        int i = (int) (k - 1);
        if (i < t.size) {
            longs[i] = v;
            return false;
        }
        if (i == longs.length) {
            longs = (long[]) (t.array = ArrayStorage.grow(longs, t.size, t.size + 1));
        }
        longs[i] = v;
        t.size++;
        t.migrateIfHashed();
        return true;
    }

    /** Like {@link #acceptsLongElement}, for floats and a double[] array part. */
    public static boolean acceptsDoubleElement(MoatTable t, long k) {
        Object store = t.array;
        return (store instanceof double[] || store == ArrayStorage.UNDECIDED) && presentOrRawAppend(t, k);
    }

    /** Raw {@code t[k] = v} after {@link #acceptsDoubleElement}; returns true if a new entry was made. */
    public static boolean setDoubleElement(MoatTable t, long k, double v) {
        double[] doubles;
        if (t.array instanceof double[] picked) {
            doubles = picked;
        } else {
            doubles = new double[ArrayStorage.MIN_CAPACITY]; // the first element picks the strategy
            t.array = doubles;
        }
        int i = (int) (k - 1);
        if (i < t.size) {
            doubles[i] = v;
            return false;
        }
        if (i == doubles.length) {
            doubles = (double[]) (t.array = ArrayStorage.grow(doubles, t.size, t.size + 1));
        }
        doubles[i] = v;
        t.size++;
        t.migrateIfHashed();
        return true;
    }
}
