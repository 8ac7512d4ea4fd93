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

    private static final String[] TYPE_NAMES = {"nil", "boolean", "number", "string", "table", "function", "thread", "userdata"};
    /** The same names as shared guest strings (immutable, so safe to share between contexts). */
    private static final TruffleString[] TYPE_NAME_STRINGS = new TruffleString[TYPE_NAMES.length];

    static {
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            TYPE_NAME_STRINGS[i] = MoatStrings.fromJava(TYPE_NAMES[i]);
        }
    }

    /**
     * The index {@link #typeIndex} gives values of the type called {@code name} ("number", "table", ...), or
     * -1 if no type is called that.
     */
    public static int typeIndexOfName(String name) {
        return java.util.Arrays.asList(TYPE_NAMES).indexOf(name);
    }

    /**
     * {@code typeIndex(v) == index}, with only the test that type needs: {@code index} is a constant where
     * compiled code asks (TypeTestNode), so the switch folds to one or two class tests.
     */
    public static boolean hasType(Object v, int index) {
        return switch (index) {
            case 0 -> v == MoatNil.NIL;
            case 1 -> v instanceof Boolean;
            case 2 -> v instanceof Long || v instanceof Double;
            case 3 -> v instanceof TruffleString;
            case 4 -> v instanceof MoatTable;
            case 5 -> v instanceof MoatFunction;
            case 6 -> v instanceof MoatCoroutineMarker;
            default -> typeIndex(v) == index;
        };
    }

    /** Index of v's Lua type in the type names (nil, boolean, number, string, table, function, thread, userdata). */
    public static int typeIndex(Object v) {
        if (v == MoatNil.NIL) {
            return 0;
        } else if (v instanceof Boolean) {
            return 1;
        } else if (v instanceof Long || v instanceof Double) {
            return 2;
        } else if (v instanceof TruffleString) {
            return 3;
        } else if (v instanceof MoatTable) {
            return 4;
        } else if (v instanceof MoatFunction) {
            return 5;
        } else if (v instanceof MoatCoroutineMarker) {
            return 6;
        }
        return 7;
    }

    public static String typeName(Object v) {
        return TYPE_NAMES[typeIndex(v)];
    }

    /** {@link #typeName} as a guest string, for type(): no conversion and no allocation per call. */
    public static TruffleString typeNameString(Object v) {
        return TYPE_NAME_STRINGS[typeIndex(v)];
    }

    /** The names type() returns, each one string for the life of the JVM (MoatLanguage interns them). */
    public static java.util.List<TruffleString> typeNameStrings() {
        return java.util.List.of(TYPE_NAME_STRINGS);
    }

    private static final TruffleString NAME = MoatStrings.fromJava("__name");

    /**
     * The type name used in "attempt to ..." errors: a table whose metatable has a string {@code __name}
     * is called by that name, as Lua's luaT_objtypename does.
     */
    @TruffleBoundary
    public static String objTypeName(Object v) {
        if (v instanceof MoatTable t && t.getMetatable() != null
                && TableFields.get(t.getMetatable(), NAME, MoatTable.keyHash(NAME)) instanceof TruffleString name) {
            return asCString(MoatStrings.toJava(name));
        }
        return typeName(v);
    }

    /**
     * A name as Lua's messages show it: they are formatted from C strings ("%s"), so a name with a NUL in it
     * ends there ("constant 'a'" for the constant "a\0b").
     */
    public static String asCString(String name) {
        int nul = name.indexOf('\0');
        return nul < 0 ? name : name.substring(0, nul);
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
