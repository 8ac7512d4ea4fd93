package dev.moat.language.nodes.table;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.FieldSubtypeProfile;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;

/**
 * The raw part of {@code obj.name} for a constant key, as an inline cache per level of the
 * {@code __index} chain: a field of the table's shape, else the table's metatable's {@code __index}
 * field, and if that is a table the same again one level down (the class, its superclass, ...).
 * Every step is a shape check and a load once compiled, so {@code obj:method()} through a class
 * hierarchy costs a few guards.
 */
final class FieldLookupNode extends Node {
    /** Levels of __index tables handled here; deeper chains take the generic path. */
    private static final int CACHED_LEVELS = 6;
    private static final int SHAPES_PER_LEVEL = MoatTable.SHAPE_CACHE_LIMIT;

    @Child private DynamicObjectLibrary fields = DynamicObjectLibrary.getFactory().createDispatched(SHAPES_PER_LEVEL);
    @Child private DynamicObjectLibrary metaFields;
    @Child private FieldLookupNode parent;
    /** Whether this level's field reads have met floats (see MoatTable#fieldValue). */
    private final FieldSubtypeProfile isFloat = FieldSubtypeProfile.create();
    private final int level;

    FieldLookupNode(int level) {
        this.level = level;
    }

    /**
     * The value of {@code key} in {@code t} or along its chain of {@code __index} tables; NIL if the
     * chain ends without it; null if the chain reaches what only the generic path handles (an
     * {@code __index} function, or more levels than are cached).
     */
    Object lookup(MoatTable t, TruffleString key, int keyHash) {
        Object v = t.getFieldWith(fields, isFloat, key, keyHash);
        if (v != null) {
            return v;
        }
        MoatTable mt = t.metatable;
        if (mt == null) {
            return MoatNil.NIL;
        }
        Object index = mt.getFieldWith(metaFields(), Metatables.INDEX, Metatables.INDEX_HASH);
        if (index == null) {
            return MoatNil.NIL;
        }
        if (index instanceof MoatTable next && level < CACHED_LEVELS) {
            return parent().lookup(next, key, keyHash);
        }
        return null;
    }

    private DynamicObjectLibrary metaFields() {
        if (metaFields == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            metaFields = insert(DynamicObjectLibrary.getFactory().createDispatched(SHAPES_PER_LEVEL));
        }
        return metaFields;
    }

    private FieldLookupNode parent() {
        if (parent == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            parent = insert(new FieldLookupNode(level + 1));
        }
        return parent;
    }
}
