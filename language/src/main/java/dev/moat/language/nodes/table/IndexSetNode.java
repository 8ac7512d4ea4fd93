package dev.moat.language.nodes.table;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.DictionaryProfile;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TableFields;

/**
 * {@code obj[key] = value} with Lua's {@code __newindex} semantics. Only a key that is absent from the
 * table consults {@code __newindex}; raw stores reject nil and NaN keys with Lua's messages and charge
 * the memory budget when the table grows.
 */
public final class IndexSetNode extends Node {
    private static final int MAX_CHAIN = 2000;

    @Child private InvokeNode invoke;
    @Child private DynamicObjectLibrary stringKeys;
    /** Made when the site first stores a computed string key (never for {@code obj.name = v}). */
    @Child private StringKeyNode stringKeyNode;
    @Child private DynamicObjectLibrary metaFields;
    private final BranchProfile metaPath = BranchProfile.create();
    private final BranchProfile integerKeyStores = BranchProfile.create();
    private final BranchProfile stringKeyStores = BranchProfile.create();
    private final BranchProfile otherKeyStores = BranchProfile.create();
    /** Whether computed string-keyed stores here have met dictionaries, records or both (see DictionaryProfile). */
    private final DictionaryProfile stringKeyKind = DictionaryProfile.create();
    /** Whether the metatables {@code obj.name = v} read {@code __newindex} from kept string keys in their hash part. */
    private final DictionaryProfile newIndexMissedIn = DictionaryProfile.create();
    private int coldRuns;

    public static IndexSetNode create() {
        return new IndexSetNode();
    }

    /**
     * Stores {@code obj[key] = value}. The table stores a float key with an integer value as that integer,
     * but a {@code __newindex} function gets the key as the script wrote it (2.0 stays a float), as in Lua.
     */
    public void set(VirtualFrame frame, Object obj, Object key, Object value, Node site, String description) {
        Object rawKey = MoatTable.normalizeKey(key);
        MoatTable target;
        if (obj instanceof MoatTable t && t.getMetatable() == null) {
            target = t;
        } else {
            metaPath.enter();
            target = storeThroughMetatables(frame, obj, rawKey, key, value, site, description);
            if (target == null) {
                return;
            }
        }
        rawSet(target, rawKey, value, site);
    }

    /** {@code obj.name = value} for a constant string key with its precomputed hash. */
    public void setField(VirtualFrame frame, Object obj, TruffleString key, int keyHash, Object value, Node site,
                         String description) {
        if (obj instanceof MoatTable t) {
            if (stringKeys == null && CompilerDirectives.inInterpreter() && coldRuns < IndexGetNode.COLD_RUNS) {
                coldRuns++; // see IndexGetNode#getRawWarmingUp
                if (t.getMetatable() == null) {
                    if (t.put(key, value)) {
                        chargeNewEntry(site);
                    }
                } else {
                    MoatTable target = storeThroughMetatables(frame, t, key, key, value, site, description);
                    if (target != null) {
                        rawSet(target, key, value, site);
                    }
                }
                return;
            }
            MoatTable mt = t.getMetatable();
            if (mt == null || TableFields.getNamed(mt, metaFields(), newIndexMissedIn, Metatables.NEWINDEX,
                    Metatables.NEWINDEX_HASH) == null) {
                if (TableFields.putNamed(t, stringKeys(), key, keyHash, value)) {
                    chargeNewEntry(site);
                }
                return;
            }
        }
        metaPath.enter();
        MoatTable target = storeThroughMetatables(frame, obj, key, key, value, site, description);
        if (target != null) {
            rawSet(target, key, value, site);
        }
    }

    /**
     * Follows {@code __newindex} from {@code obj}: calls a handler function and returns null, or returns the
     * table the raw store goes into (the first one in the chain that holds the key or has no handler). The
     * callers make that store from one call site each, so a compiled store carries the raw store's code once.
     * {@code key} is the normalised key of the raw stores, {@code written} the key a __newindex function gets.
     */
    private MoatTable storeThroughMetatables(VirtualFrame frame, Object obj, Object key, Object written, Object value,
                                             Node site, String description) {
        MoatContext context = MoatContext.get(this);
        Object current = obj;
        for (int loop = 0; loop < MAX_CHAIN; loop++) {
            Object handler;
            if (current instanceof MoatTable t) {
                if (t.getMetatable() == null || holdsKey(t, key)) {
                    return t;
                }
                handler = t.getMetatable().get(Metatables.NEWINDEX);
                if (handler == null || handler == MoatNil.NIL) {
                    return t;
                }
            } else {
                handler = Metatables.metamethod(context, current, Metatables.NEWINDEX);
                if (handler == null) {
                    throw IndexGetNode.indexError(current, site, loop == 0 ? description : null);
                }
            }
            if (handler instanceof MoatFunction) {
                invoker().callWith(frame, handler, current, written, value, "metamethod 'newindex'");
                return null;
            }
            current = handler;
        }
        throw MoatError.at(site, "'__newindex' chain too long; possible loop");
    }

    /**
     * Whether a table with a metatable already holds {@code key} (then {@code __newindex} is not consulted).
     * Out of line: a generic probe of either part for any kind of key, made only on the metatable path.
     */
    @TruffleBoundary
    private static boolean holdsKey(MoatTable t, Object key) {
        return t.get(key) != null;
    }

    /**
     * The raw store by kind of key. Each kind is compiled only once this site has stored such a key (a
     * branch profile per kind: an unseen kind deoptimises), so a site that stores string keys does not carry
     * the integer keys' array and hash logic nor the generic keys' hash insertion, and the other way round.
     */
    private void rawSet(MoatTable t, Object key, Object value, Node site) {
        boolean added;
        if (key instanceof Long l) {
            integerKeyStores.enter();
            added = t.putLong(l, value);
        } else if (key instanceof TruffleString s) {
            stringKeyStores.enter();
            if (stringKeys == null && CompilerDirectives.inInterpreter() && coldRuns < IndexGetNode.COLD_RUNS) {
                coldRuns++;
                added = TableFields.putComputed(t, s, value); // the same placement as the cached path (deterministic pairs order)
            } else {
                added = TableFields.putComputed(t, stringKeys(), stringKeyKind, s, stringKeyNode().hash(s), stringKeyNode().equality(), value);
            }
        } else if (key == MoatNil.NIL) {
            throw MoatError.at(site, "table index is nil");
        } else if (key instanceof Double d && Double.isNaN(d)) {
            throw MoatError.at(site, "table index is NaN");
        } else {
            otherKeyStores.enter();
            added = t.put(key, value);
        }
        if (added) {
            chargeNewEntry(site);
        }
    }

    /** A key added by assignment is charged like a hash entry (see {@link SizeModel}). */
    private void chargeNewEntry(Node site) {
        chargeNewEntry(this, site);
    }

    /** The same charge for a store made by {@code node} on its own fast path. */
    static void chargeNewEntry(Node node, Node site) {
        MoatContext.get(node).budget.allocate(SizeModel.NEW_ENTRY, site);
    }

    private StringKeyNode stringKeyNode() {
        if (stringKeyNode == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            stringKeyNode = insert(new StringKeyNode());
        }
        return stringKeyNode;
    }

    private DynamicObjectLibrary stringKeys() {
        if (stringKeys == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            stringKeys = insert(DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT));
        }
        return stringKeys;
    }

    private DynamicObjectLibrary metaFields() {
        if (metaFields == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            metaFields = insert(DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT));
        }
        return metaFields;
    }

    private InvokeNode invoker() {
        if (invoke == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            invoke = insert(InvokeNode.create());
        }
        return invoke;
    }
}
