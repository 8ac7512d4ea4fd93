package dev.moat.language.host;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The polyglot bindings of a context: reading a global copies it out, writing one copies the host value
 * in (host functions become guest functions named after the global). Only string-keyed globals show.
 */
@ExportLibrary(InteropLibrary.class)
public final class GlobalsScope implements TruffleObject {
    private final MoatTable globals;

    public GlobalsScope(MoatTable globals) {
        this.globals = globals;
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return MoatLanguage.class;
    }

    @ExportMessage
    boolean isScope() {
        return true;
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getMembers(boolean includeInternal) {
        List<Object> names = new ArrayList<>();
        Object key = MoatNil.NIL;
        Object[] e;
        while ((e = globals.next(key)) != null) {
            if (e[0] instanceof TruffleString s) {
                names.add(MoatStrings.toJava(s));
            }
            key = e[0];
        }
        return new CopiedArray(names.toArray());
    }

    @ExportMessage
    @TruffleBoundary
    boolean isMemberReadable(String member) {
        return globals.get(MoatStrings.fromJava(member)) != null;
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        Object v = globals.get(MoatStrings.fromJava(member));
        if (v == null) {
            throw UnknownIdentifierException.create(member);
        }
        return CopiedTable.wrapNull(GuestToHost.copy(v, null));
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return true;
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) {
        globals.put(MoatStrings.fromJava(member), HostToGuest.convert(value, null, member));
    }

    @ExportMessage
    boolean hasScopeParent() {
        return false;
    }

    @ExportMessage
    Object getScopeParent() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects) {
        return "globals";
    }
}
