package dev.moat.language.host;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

/** Null inside copied structures (Java null is not an interop value). */
@ExportLibrary(InteropLibrary.class)
final class HostNull implements TruffleObject {
    static final HostNull INSTANCE = new HostNull();

    @ExportMessage
    boolean isNull() {
        return true;
    }
}
