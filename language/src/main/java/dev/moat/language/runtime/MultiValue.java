package dev.moat.language.runtime;

/**
 * Convention for multiple results: a call returns either a single guest value (the common case, no
 * allocation) or an {@code Object[]} holding zero or several values. Guest values are never Java arrays,
 * so the two cannot be confused. Arrays handed around this way are never mutated after creation.
 */
public final class MultiValue {
    public static final Object[] EMPTY = new Object[0];

    private MultiValue() {
    }

    /** The first value of a result (Lua's adjustment to one value). */
    public static Object first(Object result) {
        if (result instanceof Object[] values) {
            return values.length == 0 ? MoatNil.NIL : values[0];
        }
        return result;
    }

    /** All values of a result as an array (never mutate the returned array). */
    public static Object[] all(Object result) {
        if (result instanceof Object[] values) {
            return values;
        }
        return new Object[]{result};
    }

    /** The i-th (0-based) value or nil. */
    public static Object get(Object result, int i) {
        if (result instanceof Object[] values) {
            return i < values.length ? values[i] : MoatNil.NIL;
        }
        return i == 0 ? result : MoatNil.NIL;
    }

    public static int count(Object result) {
        return result instanceof Object[] values ? values.length : 1;
    }

    /** Packs values returned by a builtin: one value stays unboxed. */
    public static Object of(Object... values) {
        return values.length == 1 ? values[0] : values;
    }
}
