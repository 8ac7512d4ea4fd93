package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.strings.TruffleString;

/**
 * Converts values arriving from the host into guest values by copy: strings, numbers, booleans and
 * null become Lua values; guest values pass through; anything else is rejected (no host object is
 * ever reachable from a script).
 */
public final class HostValues {
    private HostValues() {
    }

    @TruffleBoundary
    public static Object toGuest(Object v) {
        if (v == null) {
            return MoatNil.NIL;
        }
        if (v instanceof TruffleString ts) {
            return ts.switchEncodingUncached(MoatStrings.ENCODING);
        }
        if (v instanceof String s) {
            return MoatStrings.fromJava(s);
        }
        if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof MoatNil
                || v instanceof MoatTable || v instanceof MoatFunction) {
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
            if (interop.isString(v)) {
                return MoatStrings.fromJava(interop.asString(v));
            }
            if (interop.isBoolean(v)) {
                return interop.asBoolean(v);
            }
            if (interop.fitsInLong(v)) {
                return interop.asLong(v);
            }
            if (interop.fitsInDouble(v)) {
                return interop.asDouble(v);
            }
        } catch (UnsupportedMessageException e) {
            // fall through to rejection
        }
        throw new MoatError(MoatStrings.fromJava("unsupported host value"), null);
    }
}
