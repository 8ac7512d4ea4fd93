package dev.moat.language.nodes.table;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.object.DynamicObjectLibrary;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.DictionaryProfile;
import dev.moat.language.runtime.FieldSubtypeProfile;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.TableFields;
import dev.moat.language.runtime.MultiValue;

/**
 * {@code obj[key]} with Lua's {@code __index} semantics: a raw hit returns at once; a miss follows
 * {@code __index} tables (iteratively, up to 2000 links like Lua's MAXTAGLOOP) or calls an
 * {@code __index} function. Strings index their context's string metatable.
 */
public final class IndexGetNode extends Node {
    private static final int MAX_CHAIN = 2000;
    /**
     * Executions served by uncached lookups before a site builds its shape caches: code that runs once
     * never builds them. One, not more: loops make a function hot within its first call or two, so it is
     * compiled while the sites of its straight-line code (run once per call) are cold, and compiled code
     * deoptimises at a cold site. With two, the interpreted rest of that call left the other sites still
     * cold, and the recompiled function deoptimised again at the next of them: blind2 huffman's {@code run}
     * was compiled four times (1.1–1.5 s each on the one compiler thread) and reached its steady speed at the
     * eleventh iteration; with one, once, at the seventh.
     */
    static final int COLD_RUNS = 1;

    @Child private InvokeNode invoke;
    @Child private FieldLookupNode fieldLookup;
    @Child private DynamicObjectLibrary stringKeys;
    /** Made with {@link #stringKeys}, when the site first reads a computed string key (never for {@code obj.name}). */
    @Child private StringKeyNode stringKeyNode;
    @Child private MetamethodLookupNode indexLookup;
    private final BranchProfile metaPath = BranchProfile.create();
    private final BranchProfile integerKeyReads = BranchProfile.create();
    private final BranchProfile otherKeyReads = BranchProfile.create();
    /** Whether string-keyed reads here have met float fields (see TableFields#fieldValue). */
    private final FieldSubtypeProfile stringKeyIsFloat = FieldSubtypeProfile.create();
    /** Whether string-keyed reads here have met dictionaries, records or both (see DictionaryProfile). */
    private final DictionaryProfile stringKeyKind = DictionaryProfile.create();
    private int coldRuns;

    public static IndexGetNode create() {
        return new IndexGetNode();
    }

    /**
     * Reads {@code obj[key]}. The table finds a float key with an integer value as that integer, but an
     * {@code __index} function gets the key as the script wrote it (2.0 stays a float), as in Lua.
     */
    public Object get(VirtualFrame frame, Object obj, Object key, Node site, String description) {
        Object rawKey = MoatTable.normalizeKey(key);
        if (obj instanceof MoatTable t) {
            Object v = rawKey instanceof TruffleString s && stringKeys != null
                            ? TableFields.getComputed(t, stringKeys, stringKeyIsFloat, stringKeyKind, s, stringKeyNode.hash(s), stringKeyNode.equality())
                            : getRawWarmingUp(t, rawKey);
            if (v != null) {
                return v;
            }
            if (t.getMetatable() == null) {
                return MoatNil.NIL;
            }
        }
        metaPath.enter();
        return getSlow(frame, obj, rawKey, key, obj instanceof MoatTable, site, description);
    }

    /**
     * {@code obj.name} for a constant string key with its precomputed hash: the raw hit, and the
     * common object-oriented case (a miss resolved by metatables whose __index are plain tables),
     * are inline caches on shapes (see {@link FieldLookupNode}); the rest takes the general path.
     */
    public Object getField(VirtualFrame frame, Object obj, TruffleString key, int keyHash, Node site, String description) {
        if (obj instanceof MoatTable t) {
            if (stillCold()) {
                return getSlow(frame, t, key, key, false, site, null);
            }
            Object v = fieldLookup().lookup(t, key, keyHash);
            if (v != null) {
                return v;
            }
            metaPath.enter();
            return getSlow(frame, t, key, key, false, site, null);
        }
        if (obj instanceof TruffleString && !stillCold()) {
            Object v = getStringMethod(obj, key, keyHash);
            if (v != null) {
                return v;
            }
        }
        metaPath.enter();
        return getSlow(frame, obj, key, key, false, site, description);
    }

    /**
     * True (and counted) for the first {@link #COLD_RUNS} constant-key reads of this site in the
     * interpreter, which use the uncached path so that code run once never builds caches.
     */
    private boolean stillCold() {
        if (fieldLookup == null && CompilerDirectives.inInterpreter() && coldRuns < COLD_RUNS) {
            coldRuns++;
            return true;
        }
        return false;
    }

    /**
     * {@code s:name()} on a string: the string metatable's {@code __index} (the string library, unless a
     * script replaced it) and the field in it, both through this site's caches instead of two uncached
     * lookups per call; null if that is not a table (the general path then calls or reports it).
     */
    private Object getStringMethod(Object s, TruffleString key, int keyHash) {
        Object handler = foldedStringIndex();
        if (handler == null) {
            handler = indexLookup().find(MoatContext.get(this), s);
        }
        if (handler instanceof MoatTable library) {
            return fieldLookup().lookup(library, key, keyHash);
        }
        return null;
    }

    /** Single context: the string metatable's {@code __index} as this site first found it (see foldedStringIndex). */
    @CompilationFinal private Object stringIndex;
    @CompilationFinal(dimensions = 1) private Assumption[] stringIndexValid;
    @CompilationFinal private boolean stringIndexNotFolded;

    /**
     * The string metatable's {@code __index} (the string library) as a constant while the engine serves one
     * context and nothing has written that key, as FieldLookupNode folds class chains; null where it is
     * not folded (the caller then looks it up). With the library a constant, the method read from it folds too.
     */
    private Object foldedStringIndex() {
        if (stringIndexNotFolded) {
            return null;
        }
        Assumption[] valid = stringIndexValid;
        if (valid != null) {
            if (valid[0].isValid() && valid[1].isValid()) {
                return stringIndex;
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            stringIndexNotFolded = true; // the key was written (or a second context came): look it up from now on
            return null;
        }
        if (CompilerDirectives.inInterpreter()) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            Assumption singleContext = dev.moat.language.MoatLanguage.get(this).singleContextAssumption();
            MoatTable mt = MoatContext.get(this).getStringMetatable();
            Assumption unchanged = singleContext.isValid() ? dev.moat.language.runtime.ReliedKeys.relyOnKey(mt, Metatables.INDEX) : null;
            Object index = unchanged != null && unchanged.isValid() ? TableFields.get(mt, Metatables.INDEX, Metatables.INDEX_HASH) : null;
            if (index == null) {
                stringIndexNotFolded = true;
                return null;
            }
            stringIndex = index;
            stringIndexValid = new Assumption[]{singleContext, unchanged};
            return index;
        }
        return null;
    }

    /**
     * Interpreter only: numbers read by {@link #getField} from the table itself come back as
     * {@link dev.moat.language.runtime.TaggedNumber}s, which the caller (FieldExpressionNode) must unwrap.
     */
    void requestTaggedFields() {
        fieldLookup().requestTagged();
    }

    private FieldLookupNode fieldLookup() {
        if (fieldLookup == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            fieldLookup = insert(new FieldLookupNode(0));
        }
        return fieldLookup;
    }

    /**
     * The raw read of every key but a string one at a site that has its string-key cache. A string key
     * before the site has that cache: the first reads use the uncached table methods, so code that runs
     * once (a huge straight-line chunk, set-up code) never pays for building inline caches; a site that
     * keeps reading string keys gets one. Integer and other keys: by kind, as the site has met them.
     */
    private Object getRawWarmingUp(MoatTable t, Object key) {
        if (key instanceof TruffleString s) {
            if (CompilerDirectives.inInterpreter() && coldRuns < COLD_RUNS) {
                coldRuns++;
                return t.get(key);
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            stringKeys = insert(DynamicObjectLibrary.getFactory().createDispatched(MoatTable.SHAPE_CACHE_LIMIT));
            stringKeyNode = insert(new StringKeyNode());
            return TableFields.getComputed(t, stringKeys, stringKeyIsFloat, stringKeyKind, s, stringKeyNode.hash(s), stringKeyNode.equality());
        }
        // Each kind of key is compiled only once this site has read one (an unseen kind deoptimises): a
        // site that reads integer keys does not carry the generic keys' hash probe, nor the other way round.
        if (key instanceof Long l) {
            integerKeyReads.enter();
            return t.getLong(l);
        }
        otherKeyReads.enter();
        return t.get(key);
    }

    /**
     * Follows {@code __index} from {@code obj}. {@code key} is the normalised key of the raw reads,
     * {@code written} the key an __index function gets; {@code rawMissed} says that {@code obj} is a table
     * whose raw read the caller made and missed, so the walk starts at its metatable. The raw reads of
     * the tables further down the chain are out of line ({@link #rawGetOutOfLine}): every compiled generic
     * read would otherwise carry a second copy of the table's whole read logic for them.
     */
    private Object getSlow(VirtualFrame frame, Object obj, Object key, Object written, boolean rawMissed, Node site,
                           String description) {
        MoatContext context = MoatContext.get(this);
        Object current = obj;
        for (int loop = 0; loop < MAX_CHAIN; loop++) {
            Object handler;
            if (current instanceof MoatTable t) {
                if (loop > 0 || !rawMissed) {
                    Object v = rawGetOutOfLine(t, key);
                    if (v != null) {
                        return v;
                    }
                    if (t.getMetatable() == null) {
                        return MoatNil.NIL;
                    }
                }
                // The first link is this site's own: cached on the metatable's shape (an __index function
                // is met here on every access); links further down stay uncached.
                handler = loop == 0 ? indexLookup().find(context, t) : t.getMetatable().get(Metatables.INDEX);
                if (handler == null || handler == MoatNil.NIL) {
                    return MoatNil.NIL;
                }
            } else {
                handler = Metatables.metamethod(context, current, Metatables.INDEX);
                if (handler == null) {
                    throw indexError(current, site, loop == 0 ? description : null);
                }
            }
            if (handler instanceof MoatFunction) {
                return MultiValue.first(invoker().callWith(frame, handler, current, written, "metamethod 'index'"));
            }
            current = handler;
        }
        throw MoatError.at(site, "'__index' chain too long; possible loop");
    }

    @TruffleBoundary
    private static Object rawGetOutOfLine(MoatTable t, Object key) {
        return t.get(key);
    }

    private MetamethodLookupNode indexLookup() {
        if (indexLookup == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            indexLookup = insert(MetamethodLookupNode.create(Metatables.INDEX));
        }
        return indexLookup;
    }

    private InvokeNode invoker() {
        if (invoke == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            invoke = insert(InvokeNode.create());
        }
        return invoke;
    }

    @TruffleBoundary
    public static MoatError indexError(Object obj, Node site, String description) {
        String desc = description == null ? "" : " (" + description + ")";
        return MoatError.runtime(site, "attempt to index a " + LuaValues.objTypeName(obj) + " value" + desc);
    }
}
