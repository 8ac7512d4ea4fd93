package dev.moat.language.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/**
 * Lua's {@code nil}. One immutable singleton, shared safely by every context because it has no state.
 * Java {@code null} never appears as a guest value; absent table entries are reported as null by the
 * raw storage and turned into NIL at the node boundary.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatNil implements TruffleObject {
    public static final MoatNil NIL = new MoatNil();

    private MoatNil() {
    }

    @Override
    public String toString() {
        return "nil";
    }

    @ExportMessage
    boolean isNull() {
        return true;
    }
}
