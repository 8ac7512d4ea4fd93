package dev.moat.language.runtime;

import com.oracle.truffle.api.object.Property;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * Lua's {@code next} over a {@link MoatTable}: the array part, then the string fields in the order they
 * were added, then the hash part. A traversal may assign to existing keys, nil included (as Lua allows):
 * cleared fields keep their place in the shape and cleared hash entries stay as tombstones, so the
 * position of the key handed back is always found again.
 */
final class TableTraversal {
    private static final Property[] NO_FIELDS = new Property[0];

    private TableTraversal() {
    }

    /** The entry after {@code key} (nil starts) as {key, value}; null at the end; IllegalArgumentException for a key not in {@code t}. */
    static Object[] next(MoatTable t, Object key) {
        int arrayIndex; // 0-based index in the array part to start scanning
        boolean zeroNext = true; // key 0 (MoatTable.zero) comes after the array part, before the fields
        int fieldIndex; // index in the field keys to start scanning
        int hashSlot;
        if (key == MoatNil.NIL) {
            arrayIndex = 0;
            fieldIndex = 0;
            hashSlot = 0;
        } else if (key instanceof Long l && l == 0 && t.hadZero) {
            arrayIndex = t.size;
            zeroNext = false;
            fieldIndex = 0;
            hashSlot = 0;
        } else {
            Object k = MoatTable.normalizeKey(key);
            if (key instanceof Double && k instanceof Long) {
                // Tables hold such a key as an integer, and Lua's next looks a float key up as a float, so
                // lua5.4 finds no 2.0 in {10, 20, 30} and raises "invalid key to 'next'"; so does Moat.
                throw new IllegalArgumentException("float key with an integer value");
            }
            int afterCursor;
            if (k instanceof Long l && l >= 1 && l <= t.size) {
                arrayIndex = (int) (long) l;
                fieldIndex = 0;
                hashSlot = 0;
            } else if (t.hash != null && (afterCursor = t.hash.slotAfterCursor(k)) >= 0) {
                // the hash-part key handed out last (a key is in one part only): continue after it
                arrayIndex = t.size;
                zeroNext = false;
                fieldIndex = Integer.MAX_VALUE;
                hashSlot = afterCursor;
            } else {
                arrayIndex = t.size;
                zeroNext = false;
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
                            zeroNext = true;
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
        if (zeroNext && t.zero != null) {
            return new Object[]{0L, t.zero};
        }
        Property[] fields = fieldProperties(t);
        Shape shape = t.getShape();
        for (int i = fieldIndex; i < fields.length; i++) {
            // Read through the property itself: looking the key up in the shape again (a hash lookup and a
            // string comparison per step) was most of a traversal's time.
            Object stored = fields[i].get(t, shape);
            if (stored != MoatNil.NIL) {
                t.fieldCursor = i;
                return new Object[]{fields[i].getKey(), TableFields.fieldValue(t, fields[i], stored)};
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

    /** The string fields in the order they were added (cached per shape). */
    private static Property[] fieldProperties(MoatTable t) {
        Shape shape = t.getShape();
        if (shape != t.fieldKeysShape) {
            // The shape lists its properties in the order they were added, as it lists its keys; looking
            // each key up again (a hash-trie lookup per field) was a third of json.lua's traversals.
            Property[] fields = shape.getPropertyCount() == 0 ? NO_FIELDS : shape.getPropertyList().toArray(NO_FIELDS);
            t.fieldProperties = fields;
            t.fieldKeysShape = shape;
            t.fieldCursor = 0;
        }
        return t.fieldProperties;
    }

    /**
     * Position of a field name in {@link MoatTable#fieldKeys}, -1 if none. A traversal hands back the key it was
     * given, so the cursor matches by identity at once; a key of the hash part (most keys of a table in
     * dictionary mode) is ruled out by the shape's own lookup instead of string compares with every field.
     */
    private static int fieldIndexOf(MoatTable t, Object key) {
        Property[] fields = fieldProperties(t);
        int c = t.fieldCursor;
        if (c < fields.length && fields[c].getKey() == key) {
            return c;
        }
        if (!t.getShape().hasProperty(key)) {
            return -1;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
