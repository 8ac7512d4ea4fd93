package dev.moat.language.runtime;

import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;

/**
 * Metatable lookup. Tables carry their own metatable; strings share their context's string metatable;
 * no other type has one (there is no debug.setmetatable in Moat). Event names are immutable interned
 * constants, safe to share between contexts.
 */
public final class Metatables {
    public static final TruffleString INDEX = MoatStrings.fromJava("__index");
    public static final TruffleString NEWINDEX = MoatStrings.fromJava("__newindex");
    public static final TruffleString CALL = MoatStrings.fromJava("__call");
    public static final TruffleString ADD = MoatStrings.fromJava("__add");
    public static final TruffleString SUB = MoatStrings.fromJava("__sub");
    public static final TruffleString MUL = MoatStrings.fromJava("__mul");
    public static final TruffleString DIV = MoatStrings.fromJava("__div");
    public static final TruffleString MOD = MoatStrings.fromJava("__mod");
    public static final TruffleString POW = MoatStrings.fromJava("__pow");
    public static final TruffleString UNM = MoatStrings.fromJava("__unm");
    public static final TruffleString IDIV = MoatStrings.fromJava("__idiv");
    public static final TruffleString BAND = MoatStrings.fromJava("__band");
    public static final TruffleString BOR = MoatStrings.fromJava("__bor");
    public static final TruffleString BXOR = MoatStrings.fromJava("__bxor");
    public static final TruffleString SHL = MoatStrings.fromJava("__shl");
    public static final TruffleString SHR = MoatStrings.fromJava("__shr");
    public static final TruffleString BNOT = MoatStrings.fromJava("__bnot");
    public static final TruffleString CONCAT = MoatStrings.fromJava("__concat");
    public static final TruffleString LEN = MoatStrings.fromJava("__len");
    public static final TruffleString EQ = MoatStrings.fromJava("__eq");
    public static final TruffleString LT = MoatStrings.fromJava("__lt");
    public static final TruffleString LE = MoatStrings.fromJava("__le");
    public static final TruffleString CLOSE = MoatStrings.fromJava("__close");
    public static final TruffleString TOSTRING = MoatStrings.fromJava("__tostring");
    public static final TruffleString NAME = MoatStrings.fromJava("__name");
    public static final TruffleString METATABLE = MoatStrings.fromJava("__metatable");
    public static final TruffleString PAIRS = MoatStrings.fromJava("__pairs");

    public static final int INDEX_HASH = MoatTable.keyHash(INDEX);
    public static final int NEWINDEX_HASH = MoatTable.keyHash(NEWINDEX);

    private Metatables() {
    }

    public static MoatTable of(MoatContext context, Object value) {
        if (value instanceof MoatTable t) {
            return t.getMetatable();
        }
        if (value instanceof TruffleString) {
            return context.getStringMetatable();
        }
        return null;
    }

    /** The metamethod for {@code event} of {@code value}, or null. */
    public static Object metamethod(MoatContext context, Object value, TruffleString event) {
        MoatTable mt = of(context, value);
        if (mt == null) {
            return null;
        }
        Object h = mt.get(event);
        return h == MoatNil.NIL ? null : h;
    }
}
