package dev.moat.language.nodes.table;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * {@code obj[key]} with Lua's {@code __index} semantics: a raw hit returns at once; a miss follows
 * {@code __index} tables (iteratively, up to 2000 links like Lua's MAXTAGLOOP) or calls an
 * {@code __index} function. Strings index their context's string metatable.
 */
public final class IndexGetNode extends Node {
    private static final int MAX_CHAIN = 2000;

    @Child private InvokeNode invoke;
    private final BranchProfile metaPath = BranchProfile.create();

    public static IndexGetNode create() {
        return new IndexGetNode();
    }

    /** Reads {@code obj[key]}; {@code key} must be normalised. */
    public Object get(Object obj, Object key, Node site, String description) {
        if (obj instanceof MoatTable t) {
            Object v = t.get(key);
            if (v != null) {
                return v;
            }
            if (t.metatable == null) {
                return MoatNil.NIL;
            }
        }
        metaPath.enter();
        return getSlow(obj, key, site, description);
    }

    /**
     * {@code obj.name} for a constant string key with its precomputed hash: the raw hit, and the
     * common object-oriented case (a miss resolved by a metatable whose __index is a plain table),
     * never leave the fast path.
     */
    public Object getField(Object obj, TruffleString key, int keyHash, Node site, String description) {
        if (obj instanceof MoatTable t) {
            MoatTable current = t;
            for (int loop = 0; loop < MAX_CHAIN; loop++) {
                Object v = current.getString(key, keyHash);
                if (v != null) {
                    return v;
                }
                MoatTable mt = current.metatable;
                if (mt == null) {
                    return MoatNil.NIL;
                }
                Object index = mt.getString(Metatables.INDEX, Metatables.INDEX_HASH);
                if (index == null) {
                    return MoatNil.NIL;
                }
                if (!(index instanceof MoatTable next)) {
                    break; // an __index function: the general path calls it
                }
                current = next;
            }
            metaPath.enter();
            return getSlow(current, key, site, null);
        }
        metaPath.enter();
        return getSlow(obj, key, site, description);
    }

    private Object getSlow(Object obj, Object key, Node site, String description) {
        MoatContext context = MoatContext.get(this);
        Object current = obj;
        for (int loop = 0; loop < MAX_CHAIN; loop++) {
            Object handler;
            if (current instanceof MoatTable t) {
                Object v = t.get(key);
                if (v != null) {
                    return v;
                }
                handler = t.metatable == null ? null : t.metatable.get(Metatables.INDEX);
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
                return MultiValue.first(invoker().callWith(handler, current, key));
            }
            current = handler;
        }
        throw MoatError.at(site, "'__index' chain too long; possible loop");
    }

    private InvokeNode invoker() {
        if (invoke == null) {
            com.oracle.truffle.api.CompilerDirectives.transferToInterpreterAndInvalidate();
            invoke = insert(InvokeNode.create());
        }
        return invoke;
    }

    @TruffleBoundary
    public static MoatError indexError(Object obj, Node site, String description) {
        String desc = description == null ? "" : " (" + description + ")";
        return MoatError.runtime(site, "attempt to index a " + LuaValues.typeName(obj) + " value" + desc);
    }
}
