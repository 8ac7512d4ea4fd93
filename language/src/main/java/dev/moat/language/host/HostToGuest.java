package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * Copies host values into guest values: primitives and strings directly, arrays and maps (anything with
 * array elements, hash entries or members) into new tables, executables into host-function wrappers.
 * Nothing of the host stays reachable: the guest gets copies and functions that copy again.
 * Depth and size are capped and the copy, its strings included, is charged to the memory budget.
 */
public final class HostToGuest {
    private HostToGuest() {
    }

    @TruffleBoundary
    public static Object convert(Object v, Node site, String nameForFunctions) {
        return convert(v, site, nameForFunctions, 0, new int[1]);
    }

    private static Object convert(Object v, Node site, String name, int depth, int[] count) {
        if (v == null || v == MoatNil.NIL) {
            return MoatNil.NIL;
        }
        if (v instanceof TruffleString ts) {
            return charged(site, ts.switchEncodingUncached(MoatStrings.ENCODING));
        }
        if (v instanceof String s) {
            return copied(site, s);
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof MoatTable || v instanceof MoatFunction) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof Character c) {
            return MoatStrings.fromJava(String.valueOf(c));
        }
        InteropLibrary interop = InteropLibrary.getUncached(v);
        try {
            if (interop.isNull(v)) {
                return MoatNil.NIL;
            }
            if (interop.isBoolean(v)) {
                return interop.asBoolean(v);
            }
            if (interop.isString(v)) {
                return copied(site, interop.asString(v));
            }
            if (interop.isNumber(v)) {
                if (interop.fitsInLong(v)) {
                    return interop.asLong(v);
                }
                if (interop.fitsInDouble(v)) {
                    return interop.asDouble(v);
                }
                throw fail(site, "a host number that does not fit a Lua number");
            }
            if (interop.isExecutable(v)) {
                return HostFunctions.wrap(MoatContext.get(site), v, name == null ? "?" : name, -1);
            }
            if (depth >= GuestToHost.MAX_DEPTH) {
                throw fail(site, "a host value nested too deeply");
            }
            if (interop.hasArrayElements(v)) {
                long n = interop.getArraySize(v);
                charge(site, n, count);
                MoatTable t = new MoatTable((int) Math.min(n, 1 << 16), 0);
                for (long i = 0; i < n; i++) {
                    t.putLong(i + 1, convert(interop.readArrayElement(v, i), site, null, depth + 1, count));
                }
                return t;
            }
            if (interop.hasHashEntries(v)) {
                long n = interop.getHashSize(v);
                charge(site, n, count);
                MoatTable t = new MoatTable(0, (int) Math.min(n, 1 << 16));
                Object it = interop.getHashEntriesIterator(v);
                InteropLibrary itLib = InteropLibrary.getUncached(it);
                while (itLib.hasIteratorNextElement(it)) {
                    Object pair = itLib.getIteratorNextElement(it);
                    InteropLibrary pairLib = InteropLibrary.getUncached(pair);
                    Object key = MoatTable.normalizeKey(convert(pairLib.readArrayElement(pair, 0), site, null, depth + 1, count));
                    if (key == MoatNil.NIL) {
                        throw fail(site, "a map with a null key");
                    }
                    t.put(key, convert(pairLib.readArrayElement(pair, 1), site, null, depth + 1, count));
                }
                return t;
            }
            if (interop.hasMembers(v)) {
                Object members = interop.getMembers(v);
                InteropLibrary ml = InteropLibrary.getUncached(members);
                long n = ml.getArraySize(members);
                charge(site, n, count);
                MoatTable t = new MoatTable(0, (int) Math.min(n, 1 << 16));
                for (long i = 0; i < n; i++) {
                    String key = InteropLibrary.getUncached().asString(ml.readArrayElement(members, i));
                    if (interop.isMemberReadable(v, key)) {
                        t.put(MoatStrings.fromJava(key), convert(interop.readMember(v, key), site, key, depth + 1, count));
                    }
                }
                return t;
            }
        } catch (InteropException e) {
            throw fail(site, "a host value that could not be read");
        }
        throw fail(site, "an unsupported host value");
    }

    /** A string the copy made, charged to the memory budget as the guest's own strings are. */
    private static TruffleString charged(Node site, TruffleString s) {
        MoatContext.get(site).budget.allocate(SizeModel.string(s.byteLength(MoatStrings.ENCODING)), site);
        return s;
    }

    /** A host string copied in: charged at a byte per char before the copy, then for its other UTF-8 bytes. */
    private static TruffleString copied(Node site, String s) {
        MoatContext.get(site).budget.allocate(SizeModel.string(s.length()), site);
        TruffleString copy = MoatStrings.fromJava(s);
        MoatContext.get(site).budget.allocate(copy.byteLength(MoatStrings.ENCODING) - s.length(), site);
        return copy;
    }

    private static void charge(Node site, long n, int[] count) {
        count[0] += (int) Math.min(n, Integer.MAX_VALUE);
        if (count[0] > GuestToHost.MAX_ENTRIES) {
            throw fail(site, "a host value that is too large");
        }
        MoatContext.get(site).budget.allocate(SizeModel.table(0, (int) Math.min(n, Integer.MAX_VALUE)), site);
    }

    private static MoatError fail(Node site, String what) {
        return new MoatError(MoatStrings.fromJava("cannot convert " + what), site);
    }
}
