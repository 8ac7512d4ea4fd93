package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;

/** Type names, truthiness and the raw (metamethod-free) string forms of guest values. */
public final class LuaValues {
    private LuaValues() {
    }

    public static boolean isTruthy(Object v) {
        return v != MoatNil.NIL && v != Boolean.FALSE;
    }

    public static String typeName(Object v) {
        if (v == MoatNil.NIL) {
            return "nil";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof Long || v instanceof Double) {
            return "number";
        } else if (v instanceof TruffleString) {
            return "string";
        } else if (v instanceof MoatTable) {
            return "table";
        } else if (v instanceof MoatFunction) {
            return "function";
        } else if (v instanceof MoatCoroutineMarker) {
            return "thread";
        }
        return "userdata";
    }

    private static final TruffleString NIL_NAME = MoatStrings.fromJava("nil");
    private static final TruffleString BOOLEAN_NAME = MoatStrings.fromJava("boolean");
    private static final TruffleString NUMBER_NAME = MoatStrings.fromJava("number");
    private static final TruffleString STRING_NAME = MoatStrings.fromJava("string");
    private static final TruffleString TABLE_NAME = MoatStrings.fromJava("table");
    private static final TruffleString FUNCTION_NAME = MoatStrings.fromJava("function");
    private static final TruffleString THREAD_NAME = MoatStrings.fromJava("thread");
    private static final TruffleString USERDATA_NAME = MoatStrings.fromJava("userdata");

    /**
     * {@link #typeName} as one shared guest string per type, for type(): no conversion and no allocation
     * per call (immutable, so safe to share between contexts).
     */
    public static TruffleString typeNameString(Object v) {
        if (v == MoatNil.NIL) {
            return NIL_NAME;
        } else if (v instanceof Boolean) {
            return BOOLEAN_NAME;
        } else if (v instanceof Long || v instanceof Double) {
            return NUMBER_NAME;
        } else if (v instanceof TruffleString) {
            return STRING_NAME;
        } else if (v instanceof MoatTable) {
            return TABLE_NAME;
        } else if (v instanceof MoatFunction) {
            return FUNCTION_NAME;
        } else if (v instanceof MoatCoroutineMarker) {
            return THREAD_NAME;
        }
        return USERDATA_NAME;
    }

    private static final TruffleString NAME = MoatStrings.fromJava("__name");

    /**
     * The type name used in "attempt to ..." errors: a table whose metatable has a string {@code __name}
     * is called by that name, as Lua's luaT_objtypename does.
     */
    @TruffleBoundary
    public static String objTypeName(Object v) {
        if (v instanceof MoatTable t && t.metatable != null
                && t.metatable.getString(NAME, MoatTable.keyHash(NAME)) instanceof TruffleString name) {
            return MoatStrings.toJava(name);
        }
        return typeName(v);
    }

    /** Integer to string (Lua's %d). */
    @TruffleBoundary
    public static TruffleString longToString(long v) {
        return MoatStrings.fromJava(Long.toString(v));
    }

    @TruffleBoundary
    public static TruffleString doubleToString(double v) {
        return MoatStrings.fromJava(LuaNumberFormat.toLuaString(v));
    }

    /** Number to string as Lua converts it for concatenation and tostring. */
    public static TruffleString numberToString(Object n) {
        if (n instanceof Long l) {
            return longToString(l);
        }
        return doubleToString((Double) n);
    }

    /** Java-side display of a value (no metamethods), for messages and the REPL. */
    @TruffleBoundary
    public static String toDisplay(Object v) {
        if (v instanceof TruffleString s) {
            return MoatStrings.toJava(s);
        } else if (v instanceof Long l) {
            return Long.toString(l);
        } else if (v instanceof Double d) {
            return LuaNumberFormat.toLuaString(d);
        } else if (v == MoatNil.NIL) {
            return "nil";
        } else if (v instanceof Boolean b) {
            return b.toString();
        }
        return typeName(v) + ": " + ObjectIds.of(v);
    }
}
