package dev.moat.stdlib.table;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * The element access the table library uses, with the semantics of Lua's C API calls that ltablib is
 * built on: {@code lua_geti} and {@code lua_seti} (honouring {@code __index}/{@code __newindex}) and
 * {@code luaL_len} (honouring {@code __len}, whose result must be an integer).
 *
 * <p>A table without a metatable takes the raw path at once, so plain tables pay one type check and
 * one null check per element. The check is made on every access, not once per call: a comparator or a
 * metamethod may give the table a metatable half-way through, and Lua would see that.
 *
 * <p>Runtime errors raised here ("attempt to index a nil value") carry no position, as in Lua, where
 * they are raised while a C function is running; see {@link TableErrors}.
 */
final class ElementAccessNode extends Node {
    /** Lua's MAXTAGLOOP: how many __index/__newindex links are followed before giving up. */
    private static final int MAX_CHAIN = 2000;

    @Child private InvokeNode invoke;
    private final BranchProfile metaPath = BranchProfile.create();
    /*
     * Raw accesses by where the element lives. An element of an Object[] array part is read and overwritten
     * inline; the other kinds (unboxed long[]/double[] elements, holes, keys past the array part, the hash
     * part, strategy changes, appends) are compiled only once a site has met them. Each table builtin has
     * several access sites (table.sort ten reads and twelve writes), and compiling MoatTable's whole general
     * get and put at each made a sort with a comparator ~4,100 nodes before its comparator was inlined.
     */
    private final BranchProfile longElements = BranchProfile.create();
    private final BranchProfile doubleElements = BranchProfile.create();
    private final BranchProfile otherReads = BranchProfile.create();
    private final BranchProfile otherWrites = BranchProfile.create();
    private final BranchProfile longAppends = BranchProfile.create();
    private final BranchProfile doubleAppends = BranchProfile.create();
    private final BranchProfile objectAppends = BranchProfile.create();

    static ElementAccessNode create() {
        return new ElementAccessNode();
    }

    /** {@code lua_geti(obj, i)}. */
    Object get(Object obj, long i) {
        if (obj instanceof MoatTable t) {
            Object v = rawGet(t, i);
            if (v != null) {
                return v;
            }
            if (t.getMetatable() == null) {
                return MoatNil.NIL;
            }
        }
        metaPath.enter();
        return getWithMetamethods(obj, i);
    }

    /** {@code lua_seti(obj, i, value)}. */
    void set(Object obj, long i, Object value) {
        if (obj instanceof MoatTable t && t.getMetatable() == null) {
            rawSet(t, i, value);
            return;
        }
        metaPath.enter();
        setWithMetamethods(obj, i, value);
    }

    /** {@link MoatTable#getLong}, with the element kinds this site has not met left out of compiled code. */
    private Object rawGet(MoatTable t, long i) {
        if (ArrayElements.hasObjectElement(t, i)) {
            return ArrayElements.objectElement(t, i);
        }
        if (ArrayElements.hasLongElement(t, i)) {
            longElements.enter();
            return ArrayElements.longElement(t, i);
        }
        if (ArrayElements.hasDoubleElement(t, i)) {
            doubleElements.enter();
            return ArrayElements.doubleElement(t, i);
        }
        otherReads.enter();
        return t.getLong(i);
    }

    /** {@link MoatTable#putLong} for a table without metatable, profiled like {@link #rawGet}. */
    private void rawSet(MoatTable t, long i, Object value) {
        if (ArrayElements.overwritesObjectElement(t, i, value)) {
            ArrayElements.overwriteObjectElement(t, i, value);
        } else if (value instanceof Long l && ArrayElements.hasLongElement(t, i)) {
            longElements.enter();
            ArrayElements.overwriteLongElement(t, i, l);
        } else if (value instanceof Double d && ArrayElements.hasDoubleElement(t, i)) {
            doubleElements.enter();
            ArrayElements.overwriteDoubleElement(t, i, d);
        } else {
            otherWrites.enter();
            if (!appendsInline(t, i, value)) {
                t.putLong(i, value);
            }
        }
    }

    /**
     * {@code table.insert(t, v)}'s append (and any store of the next element) in compiled code, by strategy:
     * through {@link MoatTable#putLong} every append was a call, since only overwrites are inline there, and
     * {@code table.insert} in a loop ran at twice the cost of {@code t[#t + 1] = v}. Returns false, having
     * stored nothing, for the other writes.
     */
    private boolean appendsInline(MoatTable t, long i, Object value) {
        if (value instanceof Long l && ArrayElements.acceptsLongElement(t, i)) {
            longAppends.enter();
            ArrayElements.setLongElement(t, i, l);
            return true;
        }
        if (value instanceof Double d && ArrayElements.acceptsDoubleElement(t, i)) {
            doubleAppends.enter();
            ArrayElements.setDoubleElement(t, i, d);
            return true;
        }
        if (ArrayElements.acceptsObjectElement(t, i, value)) {
            objectAppends.enter();
            ArrayElements.setObjectElement(t, i, value);
            return true;
        }
        return false;
    }

    /** {@code luaL_len(obj)}: the length operator, then Lua's integer check of its result. */
    long length(Object obj) {
        if (obj instanceof MoatTable t && t.getMetatable() == null) {
            return t.length();
        }
        metaPath.enter();
        return lengthWithMetamethods(obj);
    }

    private Object getWithMetamethods(Object obj, long i) {
        Object current = obj;
        for (int loop = 0; loop < MAX_CHAIN; loop++) {
            Object handler;
            if (current instanceof MoatTable t) {
                Object v = t.getLong(i);
                if (v != null) {
                    return v;
                }
                handler = rawMetafield(t, Metatables.INDEX);
                if (handler == null) {
                    return MoatNil.NIL;
                }
            } else {
                handler = Metatables.metamethod(MoatContext.get(this), current, Metatables.INDEX);
                if (handler == null) {
                    throw TableErrors.runtime(this, "attempt to index a " + LuaValues.objTypeName(current) + " value");
                }
            }
            if (handler instanceof MoatFunction) {
                return MultiValue.first(invoker().callFromBuiltin(handler, current, i));
            }
            current = handler;
        }
        throw TableErrors.runtime(this, "'__index' chain too long; possible loop");
    }

    private void setWithMetamethods(Object obj, long i, Object value) {
        Object current = obj;
        for (int loop = 0; loop < MAX_CHAIN; loop++) {
            Object handler;
            if (current instanceof MoatTable t) {
                handler = t.getLong(i) != null ? null : rawMetafield(t, Metatables.NEWINDEX);
                if (handler == null) {
                    t.putLong(i, value);
                    return;
                }
            } else {
                handler = Metatables.metamethod(MoatContext.get(this), current, Metatables.NEWINDEX);
                if (handler == null) {
                    throw TableErrors.runtime(this, "attempt to index a " + LuaValues.objTypeName(current) + " value");
                }
            }
            if (handler instanceof MoatFunction) {
                invoker().callFromBuiltin(handler, current, i, value);
                return;
            }
            current = handler;
        }
        throw TableErrors.runtime(this, "'__newindex' chain too long; possible loop");
    }

    private long lengthWithMetamethods(Object obj) {
        Object n;
        if (obj instanceof MoatTable t) {
            Object handler = rawMetafield(t, Metatables.LEN);
            if (handler == null) {
                return t.length();
            }
            // Lua passes the object twice to __len (as for every unary metamethod).
            n = MultiValue.first(invoker().callFromBuiltin(handler, t, t));
        } else if (obj instanceof TruffleString s) {
            return MoatStrings.length(s); // strings ignore __len, as in Lua
        } else {
            // Only tables and strings can have metatables in Moat.
            throw TableErrors.runtime(this, "attempt to get length of a " + LuaValues.objTypeName(obj) + " value");
        }
        Long length = n instanceof Long l ? l : LuaArith.toInteger(n);
        if (length == null) {
            throw TableErrors.withPosition(this, "object length is not an integer");
        }
        return length;
    }

    /** A metatable field read raw, as Lua reads metamethods; null when absent or nil. */
    private static Object rawMetafield(MoatTable t, TruffleString event) {
        MoatTable mt = t.getMetatable();
        if (mt == null) {
            return null;
        }
        Object h = mt.get(event);
        return h == MoatNil.NIL ? null : h;
    }

    private InvokeNode invoker() {
        if (invoke == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            invoke = insert(InvokeNode.create());
        }
        return invoke;
    }
}
