package dev.moat.language.nodes.table;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.object.PropertyGetter;
import com.oracle.truffle.api.object.Shape;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.DictionaryProfile;
import dev.moat.language.runtime.FieldSubtypeProfile;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TableFields;
import dev.moat.language.runtime.ReliedKeys;

/**
 * The raw part of {@code obj.name} for a constant key, as an inline cache per level of the
 * {@code __index} chain: a field of the table's shape, else the table's metatable's {@code __index}
 * field, and if that is a table the same again one level down (the class, its superclass, ...).
 * Every step is a shape check and a load once compiled, so {@code obj:method()} through a class
 * hierarchy costs a few guards.
 *
 * <p>With one context per engine (the CLI, a single embedded context) the first level also folds the
 * whole chain into a constant: the objects' metatable as it was seen, and what the chain gave from it,
 * valid while none of the keys the chain read has been written since ({@link ConstantChain}), for up to
 * {@link #MAX_CHAINS} metatables per site. A method call then costs the object's shape check and a compare
 * of its metatable, and the method is a constant that the call site can call directly. Each write to a
 * relied-on key invalidates what relied on it; a site folds at most {@link #MAX_CHAIN_ATTEMPTS} times, then
 * keeps the shape caches.
 */
final class FieldLookupNode extends Node {
    /** Levels of __index tables handled here; deeper chains take the generic path. */
    private static final int CACHED_LEVELS = 6;
    private static final int SHAPES_PER_LEVEL = MoatTable.SHAPE_CACHE_LIMIT;

    @Child private DynamicObjectLibrary fields = DynamicObjectLibrary.getFactory().createDispatched(SHAPES_PER_LEVEL);
    @Child private DynamicObjectLibrary metaFields;
    @Child private FieldLookupNode parent;
    /** Whether this level's field reads have met floats (see TableFields#fieldValue). */
    private final FieldSubtypeProfile isFloat = FieldSubtypeProfile.create();
    /** Whether the tables this level missed the key in kept string keys in their hash part (see TableFields#getNamed). */
    private final DictionaryProfile missedIn = DictionaryProfile.create();
    /** The same for the {@code __index} reads of the metatables. */
    private final DictionaryProfile metaMissedIn = DictionaryProfile.create();
    private final int level;
    /** Level 0 only: chains folded to constants, one per metatable seen (copied on change, never mutated). */
    @CompilationFinal(dimensions = 1) private ConstantChain[] chains = NO_CHAINS;
    @CompilationFinal private int chainAttempts;
    private static final ConstantChain[] NO_CHAINS = new ConstantChain[0];
    /** Metatables (classes) one site folds; a site that sees more uses the shape caches for the rest. */
    private static final int MAX_CHAINS = 4;
    /** Folds one site makes at most, counting those whose keys were written afterwards. */
    private static final int MAX_CHAIN_ATTEMPTS = 8;

    /** What the chain from {@code meta} gave, and the assumptions (keys read, single context) it holds under. */
    static final class ConstantChain {
        final MoatTable meta;
        final Object value;
        @CompilationFinal(dimensions = 1) final Assumption[] assumptions;

        ConstantChain(MoatTable meta, Object value, Assumption[] assumptions) {
            this.meta = meta;
            this.value = value;
            this.assumptions = assumptions;
        }

        @ExplodeLoop
        boolean valid() {
            for (Assumption a : assumptions) {
                if (!a.isValid()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Level 0 only: the module-like table this site read a field of, folded with the value it had, or null. */
    @CompilationFinal private FoldedValue constantField;
    /** Level 0: this site reads other tables too, or its key changed after it was folded: no folding. */
    @CompilationFinal private boolean noConstantField;


    FieldLookupNode(int level) {
        this.level = level;
    }

    /** Level 0, interpreter only: numbers found in the table itself come back as TaggedNumbers (see FieldExpressionNode). */
    void requestTagged() {
        isFloat.requestTagged();
    }

    /**
     * The value of {@code key} in {@code t} or along its chain of {@code __index} tables; NIL if the
     * chain ends without it; null if the chain reaches what only the generic path handles (an
     * {@code __index} function, or more levels than are cached).
     */
    Object lookup(MoatTable t, TruffleString key, int keyHash) {
        if (level == 0 && !noConstantField) {
            FoldedValue cf = constantField;
            if (cf != null) {
                if (t == cf.table && cf.valid()) {
                    return cf.value;
                }
                CompilerDirectives.transferToInterpreterAndInvalidate();
                constantField = null;
                noConstantField = true; // another table, or the key was written: read it like any field from now on
            }
        }
        Object v = CompilerDirectives.inInterpreter() ? interpretedRead(t, key, keyHash)
                : TableFields.getNamed(t, fields, isFloat, missedIn, key, keyHash);
        if (v != null) {
            if (level == 0 && !noConstantField && CompilerDirectives.inInterpreter()) {
                foldField(t, key, v);
            }
            return v;
        }
        MoatTable mt = t.getMetatable();
        if (mt == null) {
            return MoatNil.NIL;
        }
        if (level == 0) {
            Object constant = constantChain(mt);
            if (constant != null) {
                return constant;
            }
            if (CompilerDirectives.inInterpreter() && chainAttempts < MAX_CHAIN_ATTEMPTS && chains.length < MAX_CHAINS) {
                Object folded = foldChain(mt, key, keyHash);
                if (folded != null) {
                    return folded;
                }
            }
        }
        Object index = TableFields.getNamed(mt, metaFields(), metaMissedIn, Metatables.INDEX, Metatables.INDEX_HASH);
        if (index == null) {
            return MoatNil.NIL;
        }
        if (index instanceof MoatTable next && level < CACHED_LEVELS) {
            return parent().lookup(indexIsMetatable(mt, next), key, keyHash);
        }
        return null;
    }

    /** Whether every {@code __index} this level has followed was the metatable itself ({@code Class.__index = Class}). */
    @CompilationFinal private boolean indexNotMetatable;

    /**
     * {@code next}, as the metatable itself where the site has only met {@code __index} tables that are their
     * own metatable: the next level then reads the very object whose shape this level has checked, so
     * compiled code neither loads nor checks that shape again.
     */
    private MoatTable indexIsMetatable(MoatTable mt, MoatTable next) {
        if (!indexNotMetatable) {
            if (next == mt) {
                return mt;
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            indexNotMetatable = true;
        }
        return next;
    }

    /**
     * Interpreter only: shapes this level has read through the library, each with the key's getter in it
     * (null where the shape has no such field), up to {@link #INTERPRETER_SHAPES}. The library's dispatch (its
     * shape cache, the key cache under it, a location read behind each) is a chain of virtual calls in
     * HotSpot-compiled interpreter code; a shape seen before skips it. Compiled code never reads these: it
     * uses the library, which the first read of every shape has gone through, so its cache is what the
     * interpreter saw. Every library message that compiled code sends from here must still be sent by the
     * interpreter (a cache it never fills would make compiled code deoptimise at the same place again and
     * again): so the field-flags lookup of {@code fieldValue} stays a library call, and an obsolete shape
     * goes through the library, which migrates the object.
     */
    private static final int INTERPRETER_SHAPES = 4;
    /** Filled in order, never changed once set; an entry's final fields publish it whole to other threads. */
    private final SeenShape[] seenShapes = new SeenShape[INTERPRETER_SHAPES];

    private record SeenShape(Shape shape, PropertyGetter getter) {
    }

    private Object interpretedRead(MoatTable t, TruffleString key, int keyHash) {
        Shape shape = t.getShape();
        SeenShape[] seen = seenShapes;
        for (int i = 0; i < seen.length; i++) {
            SeenShape entry = seen[i];
            if (entry == null) {
                Object v = TableFields.getNamed(t, fields, isFloat, missedIn, key, keyHash);
                seen[i] = new SeenShape(shape, shape.makePropertyGetter(key));
                return v;
            }
            if (entry.shape == shape) {
                if (!shape.isValid()) {
                    break; // obsolete: the library moves the object to the shape that replaced it
                }
                PropertyGetter getter = entry.getter;
                if (getter != null) {
                    // The library still answers whether a number field holds a float (a message of its own,
                    // whose cache compiled code needs the interpreter to have filled).
                    return TableFields.fieldValue(t, fields, isFloat, key, getter.get(t));
                }
                if (!missedIn.profile(t.stringsInHash())) {
                    return null;
                }
                break;
            }
        }
        return TableFields.getNamed(t, fields, isFloat, missedIn, key, keyHash);
    }

    /**
     * Folds this site's read of {@code key} from {@code t} if {@code t} is module-like (the globals, a
     * library, a module found in them) and the engine has one context; a value that is a table becomes
     * module-like in turn, so {@code string.format} folds both reads. Any other table ends folding here.
     */
    private void foldField(MoatTable t, TruffleString key, Object value) {
        CompilerDirectives.transferToInterpreterAndInvalidate();
        Assumption singleContext = MoatLanguage.get(this).singleContextAssumption();
        Assumption keyUnchanged = t.fieldsFoldable() && singleContext.isValid() ? ReliedKeys.relyOnKey(t, key) : null;
        if (keyUnchanged == null || !keyUnchanged.isValid()) {
            noConstantField = true;
            return;
        }
        if (value instanceof MoatTable module) {
            module.markFieldsFoldable();
        }
        constantField = new FoldedValue(t, value, keyUnchanged, singleContext);
    }

    /** The folded chain's value for objects with metatable {@code mt}, or null if there is none (or no longer). */
    @ExplodeLoop
    private Object constantChain(MoatTable mt) {
        ConstantChain[] cs = chains;
        for (ConstantChain c : cs) {
            if (mt == c.meta) {
                if (c.valid()) {
                    return c.value;
                }
                CompilerDirectives.transferToInterpreterAndInvalidate();
                dropChain(c); // a key it read was written: the caller looks again, and may fold the new chain
                return null;
            }
        }
        return null;
    }

    private void dropChain(ConstantChain stale) {
        java.util.List<ConstantChain> kept = new java.util.ArrayList<>(java.util.List.of(chains));
        kept.remove(stale);
        chains = kept.toArray(NO_CHAINS);
    }

    /**
     * Walks the chain from {@code mt} with raw reads, relying on each key it reads: {@code __index} of each
     * metatable, {@code key} and the metatable of each table on the way. Null (and no more attempts) where
     * the chain is not made of tables only, is longer than the cached levels, or the engine has more than
     * one context.
     */
    private Object foldChain(MoatTable mt, TruffleString key, int keyHash) {
        CompilerDirectives.transferToInterpreterAndInvalidate();
        chainAttempts++;
        Assumption singleContext = MoatLanguage.get(this).singleContextAssumption();
        if (!singleContext.isValid()) {
            chainAttempts = MAX_CHAIN_ATTEMPTS;
            return null;
        }
        java.util.List<Assumption> relied = new java.util.ArrayList<>();
        relied.add(singleContext);
        MoatTable meta = mt;
        for (int depth = 0; depth < CACHED_LEVELS; depth++) {
            relied.add(ReliedKeys.relyOnKey(meta, Metatables.INDEX));
            Object index = TableFields.get(meta, Metatables.INDEX, Metatables.INDEX_HASH);
            Object value;
            if (index == null) {
                value = MoatNil.NIL;
            } else if (index instanceof MoatTable next) {
                relied.add(ReliedKeys.relyOnKey(next, key));
                value = TableFields.get(next, key, keyHash);
                if (value == null) {
                    relied.add(ReliedKeys.relyOnMetatable(next));
                    meta = next.getMetatable();
                    if (meta != null) {
                        continue;
                    }
                    value = MoatNil.NIL;
                }
            } else {
                chainAttempts = MAX_CHAIN_ATTEMPTS; // an __index function: the generic path calls it
                return null;
            }
            for (Assumption a : relied) {
                if (!a.isValid()) {
                    return null; // a key that changed after something relied on it: not folded again
                }
            }
            ConstantChain[] more = java.util.Arrays.copyOf(chains, chains.length + 1);
            more[chains.length] = new ConstantChain(mt, value, relied.toArray(new Assumption[0]));
            chains = more;
            return value;
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
