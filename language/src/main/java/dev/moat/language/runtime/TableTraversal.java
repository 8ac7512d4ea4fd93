package dev.moat.language.runtime;

import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * Lua's {@code next} over a {@link MoatTable}: the array part, then the string fields in the order they
 * were added, then the hash part. A traversal may assign to existing keys, nil included (as Lua allows):
 * cleared fields keep their place in the shape and cleared hash entries stay as tombstones, so the
 * position of the key handed back is always found again.
 */
final class TableTraversal {
    private static final Object[] NO_KEYS = new Object[0];
    private static final DynamicObjectLibrary UNCACHED = DynamicObjectLibrary.getUncached();

    private TableTraversal() {
    }

    /** The entry after {@code key} (nil starts) as {key, value}; null at the end; IllegalArgumentException for a key not in {@code t}. */
    static Object[] next(MoatTable t, Object key) {
        int arrayIndex; // 0-based index in the array part to start scanning
        int fieldIndex; // index in the field keys to start scanning
        int hashSlot;
        if (key == MoatNil.NIL) {
            arrayIndex = 0;
            fieldIndex = 0;
            hashSlot = 0;
        } else {
            Object k = MoatTable.normalizeKey(key);
            int afterCursor;
            if (k instanceof Long l && l >= 1 && l <= t.size) {
                arrayIndex = (int) (long) l;
                fieldIndex = 0;
                hashSlot = 0;
            } else if (t.hash != null && (afterCursor = t.hash.slotAfterCursor(k)) >= 0) {
                // the hash-part key handed out last (a key is in one part only): continue after it
                arrayIndex = t.size;
                fieldIndex = Integer.MAX_VALUE;
                hashSlot = afterCursor;
            } else {
                arrayIndex = t.size;
                int f = k instanceof TruffleString ? fieldIndexOf(t, k) : -1;
                if (f >= 0) {
                    fieldIndex = f + 1;
                    hashSlot = 0;
                } else {
                    fieldIndex = Integer.MAX_VALUE;
                    hashSlot = t.hash == null ? -2 : t.hash.slotAfter(k);
                    if (hashSlot == -2) {
                        // Clearing the last elements during a traversal shrinks the array part; their keys
                        // are still valid positions to continue from (fields and hash part come after them).
                        if (k instanceof Long l && l >= 1 && l <= ArrayStorage.capacity(t.array)) {
                            fieldIndex = 0;
                            hashSlot = 0;
                        } else {
                            throw new IllegalArgumentException();
                        }
                    }
                }
            }
        }
        if (t.array instanceof Object[] objects) {
            while (arrayIndex < t.size && objects[arrayIndex] == null) {
                arrayIndex++; // only the general strategy has holes
            }
        }
        if (arrayIndex < t.size) {
            return new Object[]{(long) (arrayIndex + 1), ArrayStorage.read(t.array, arrayIndex)};
        }
        Object[] keys = fieldKeys(t);
        for (int i = fieldIndex; i < keys.length; i++) {
            Object stored = UNCACHED.getOrDefault(t, keys[i], MoatNil.NIL);
            if (stored != MoatNil.NIL) {
                t.fieldCursor = i;
                return new Object[]{keys[i], t.fieldValue(UNCACHED, FieldSubtypeProfile.getUncached(), keys[i], stored)};
            }
        }
        if (t.hash == null) {
            return null;
        }
        int slot = t.hash.nextLive(hashSlot);
        if (slot < 0) {
            return null;
        }
        return new Object[]{t.hash.keyAt(slot), t.hash.valueAt(slot)};
    }

    /** The string field names in the order they were added (cached per shape). */
    private static Object[] fieldKeys(MoatTable t) {
        Shape shape = t.getShape();
        if (shape != t.fieldKeysShape) {
            t.fieldKeys = shape.getPropertyCount() == 0 ? NO_KEYS : shape.getKeyList().toArray();
            t.fieldKeysShape = shape;
            t.fieldCursor = 0;
        }
        return t.fieldKeys;
    }

    /**
     * Position of a field name in {@link MoatTable#fieldKeys}, -1 if none. A traversal hands back the key it was
     * given, so the cursor matches by identity at once; a key of the hash part (most keys of a table in
     * dictionary mode) is ruled out by the shape's own lookup instead of string compares with every field.
     */
    private static int fieldIndexOf(MoatTable t, Object key) {
        Object[] keys = fieldKeys(t);
        int c = t.fieldCursor;
        if (c < keys.length && keys[c] == key) {
            return c;
        }
        if (!t.getShape().hasProperty(key)) {
            return -1;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
