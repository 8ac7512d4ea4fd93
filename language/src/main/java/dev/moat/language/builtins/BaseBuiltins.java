package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.expression.LuaEquality;
import dev.moat.language.nodes.table.IndexGetNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaNumberParser;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.Positions;

/** Lua's basic functions that need no access to the parser or protected calls (see ProtectedCallBuiltins, LoadBuiltin). */
public final class BaseBuiltins {
    private BaseBuiltins() {
    }

    private static final TruffleString TAB = MoatStrings.fromJava("\t");

    @MoatBuiltin(name = "print", variadic = true)
    public abstract static class PrintNode extends BuiltinNode {
        // Not an exploded loop: the number of arguments is not a compilation constant (that made partial
        // evaluation give up on print for good).
        @Specialization
        protected Object print(Object[] args, @Cached("create()") ToStringNode toString) {
            MoatContext context = context();
            for (int i = 0; i < args.length; i++) {
                TruffleString s = toString.execute(args[i]);
                int len = MoatStrings.length(s) + 1;
                context.budget.output(len, this);
                charge(1 + len / 64);
                if (i > 0) {
                    context.write(TAB);
                }
                context.write(s);
            }
            context.budget.output(1, this);
            writeNewline(context);
            return MultiValue.EMPTY;
        }

        @TruffleBoundary
        private static void writeNewline(MoatContext context) {
            context.write(new byte[]{'\n'}, 0, 1);
        }
    }

    /**
     * Lua 5.4's warn(msg1, ...): the pieces (strings or numbers) form one message, written as
     * "Lua warning: msg" to the host's error stream once warnings are on. A single piece starting with
     * '@' is a control message ("@on", "@off", others ignored). Warnings start off, as in lua5.4.
     */
    @MoatBuiltin(name = "warn", variadic = true)
    public abstract static class WarnNode extends BuiltinNode {
        private static final byte[] PREFIX = "Lua warning: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        @Specialization
        protected Object warn(Object[] args) {
            if (args.length == 0) {
                throw typeError(1, "string", MoatNil.NIL);
            }
            TruffleString[] pieces = new TruffleString[args.length];
            for (int i = 0; i < args.length; i++) {
                pieces[i] = checkString(args[i], i + 1);
            }
            charge(1 + args.length / 8);
            emit(context(), pieces);
            return MultiValue.EMPTY;
        }

        @TruffleBoundary
        private void emit(MoatContext context, TruffleString[] pieces) {
            if (pieces.length == 1 && MoatStrings.length(pieces[0]) > 0 && MoatStrings.byteAt(pieces[0], 0) == '@') {
                String control = MoatStrings.toJava(pieces[0]);
                if (control.equals("@on")) {
                    context.warningsOn = true;
                } else if (control.equals("@off")) {
                    context.warningsOn = false;
                }
                return;
            }
            if (!context.warningsOn) {
                return;
            }
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            line.writeBytes(PREFIX);
            for (TruffleString piece : pieces) {
                line.writeBytes(MoatStrings.bytes(piece));
            }
            line.write('\n');
            context.budget.output(line.size(), this);
            context.writeWarning(line.toByteArray());
        }
    }

    @MoatBuiltin(name = "type", variadic = true)
    public abstract static class TypeNode extends BuiltinNode {
        @Specialization
        protected Object type(Object[] args) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            return LuaValues.typeNameString(args[0]);
        }
    }

    @MoatBuiltin(name = "tostring", variadic = true)
    public abstract static class ToStringBuiltin extends BuiltinNode {
        @Specialization
        protected Object tostring(Object[] args, @Cached("create()") ToStringNode toString) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            return toString.execute(args[0]);
        }
    }

    @MoatBuiltin(name = "tonumber", variadic = true)
    public abstract static class ToNumberNode extends BuiltinNode {
        @Specialization
        protected Object tonumber(Object[] args, @Cached TruffleString.ReadByteNode readByte) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            Object v = args[0];
            if (args.length < 2 || args[1] == MoatNil.NIL) {
                if (v instanceof Long || v instanceof Double) {
                    return v;
                }
                if (v instanceof TruffleString s) {
                    int length = MoatStrings.length(s);
                    charge(1 + length / 16);
                    Object decimal = decimalInteger(s, length, readByte);
                    if (decimal != null) {
                        return decimal;
                    }
                    Object n = LuaArith.stringToNumber(s);
                    return n == null ? MoatNil.NIL : n;
                }
                return MoatNil.NIL;
            }
            long base = checkInteger(args[1], 2);
            if (!(v instanceof TruffleString s)) {
                throw typeError(1, "string", v);
            }
            if (base < 2 || base > 36) {
                throw argError(2, "base out of range");
            }
            Long n = parseBase(s, (int) base);
            return n == null ? MoatNil.NIL : n;
        }

        /**
         * The common case, 1 to 18 decimal digits after an optional '-' (no overflow possible), read in
         * place; null for anything else, which the full parser (spaces, floats, hex, exponents) handles.
         */
        private static Object decimalInteger(TruffleString s, int length, TruffleString.ReadByteNode readByte) {
            if (length == 0 || length > 18) {
                return null;
            }
            boolean negative = readByte.execute(s, 0, MoatStrings.ENCODING) == '-';
            if (negative && length == 1) {
                return null;
            }
            long n = 0;
            for (int i = negative ? 1 : 0; i < length; i++) {
                int c = readByte.execute(s, i, MoatStrings.ENCODING);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + (c - '0');
            }
            return negative ? -n : n;
        }

        @TruffleBoundary
        private static Long parseBase(TruffleString s, int base) {
            return LuaNumberParser.toInteger(MoatStrings.toByteChars(s), base);
        }
    }

    @MoatBuiltin(name = "rawequal")
    public abstract static class RawEqualNode extends BuiltinNode {
        @Specialization
        protected boolean rawequal(Object a, Object b) {
            checkAny(a, 1);
            checkAny(b, 2);
            return LuaEquality.rawEquals(a, b);
        }
    }

    @MoatBuiltin(name = "rawlen")
    public abstract static class RawLenNode extends BuiltinNode {
        @Specialization
        protected long rawlen(Object v) {
            if (v instanceof MoatTable t) {
                return t.length();
            }
            if (v instanceof TruffleString s) {
                return MoatStrings.length(s);
            }
            throw typeError(1, "table or string", v);
        }
    }

    @MoatBuiltin(name = "rawget")
    public abstract static class RawGetNode extends BuiltinNode {
        @Specialization
        protected Object rawget(Object t, Object k) {
            MoatTable table = checkTable(t, 1);
            checkAny(k, 2);
            Object v = table.get(MoatTable.normalizeKey(k));
            return v == null ? MoatNil.NIL : v;
        }
    }

    @MoatBuiltin(name = "rawset")
    public abstract static class RawSetNode extends BuiltinNode {
        @Specialization
        protected Object rawset(Object t, Object k, Object v) {
            MoatTable table = checkTable(t, 1);
            checkAny(k, 2);
            checkAny(v, 3);
            Object key = MoatTable.normalizeKey(k);
            if (key == MoatNil.NIL) {
                throw error("table index is nil");
            }
            if (key instanceof Double d && Double.isNaN(d)) {
                throw error("table index is NaN");
            }
            if (table.put(key, v)) {
                allocate(dev.moat.language.budget.SizeModel.NEW_ENTRY);
            }
            return table;
        }
    }

    @MoatBuiltin(name = "next")
    public abstract static class NextNode extends BuiltinNode {
        @Specialization
        protected Object next(Object t, Object k) {
            MoatTable table = checkTable(t, 1);
            Object[] entry;
            try {
                entry = table.next(k);
            } catch (IllegalArgumentException e) {
                throw invalidKeyToNext(this);
            }
            return entry == null ? MoatNil.NIL : entry;
        }
    }

    /** Lua raises it inside next (luaG_runerror in a C function), so it has no position. */
    public static MoatError invalidKeyToNext(Node location) {
        return MoatError.plain("invalid key to 'next'", location);
    }

    @MoatBuiltin(name = "pairs")
    public abstract static class PairsNode extends BuiltinNode implements dev.moat.language.coroutine.MayYield {
        @Specialization
        protected Object pairs(Object t, @Cached("createYieldable()") InvokeNode invoke) {
            Object handler = Metatables.metamethod(context(), t, Metatables.PAIRS);
            if (handler != null) {
                Object r = invoke.callFromBuiltin(handler, t);
                return new Object[]{MultiValue.get(r, 0), MultiValue.get(r, 1), MultiValue.get(r, 2)};
            }
            // Like Lua, any value is accepted here; next reports a non-table when the loop calls it.
            checkAny(t, 1);
            return new Object[]{context().getNextFunction(), t, MoatNil.NIL};
        }
    }

    @MoatBuiltin(name = "ipairs", variadic = true)
    public abstract static class IpairsNode extends BuiltinNode {
        @Specialization
        protected Object ipairs(Object[] args) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            Object iterator = context().getIpairsIterator();
            return new Object[]{iterator != null ? iterator : makeIterator(), args[0], 0L};
        }

        @TruffleBoundary
        private Object makeIterator() {
            Object iterator = context().getLanguage().getBuiltinTargets().function(BaseBuiltinsFactory.IpairsIteratorNodeFactory.getInstance());
            context().setIpairsIterator(iterator);
            return iterator;
        }
    }

    /** The iterator ipairs returns; it reads through __index like lua_geti. */
    @MoatBuiltin(name = "ipairs_iterator", anonymous = true)
    public abstract static class IpairsIteratorNode extends BuiltinNode {
        /** A table without metatable: a raw read (a loop over plain arrays never compiles the __index path). */
        @Specialization(guards = "table.getMetatable() == null")
        protected Object plain(MoatTable table, long i) {
            long n = i + 1;
            Object v = table.getLong(n);
            return v == null ? MoatNil.NIL : new Object[]{n, v};
        }

        /** Any control value: called by hand it may be a float with an integer value, or not a number at all. */
        @Specialization(replaces = "plain")
        protected Object next(Object t, Object control, @Cached("create()") IndexGetNode get) {
            long i = checkInteger(control, 2);
            if (t instanceof MoatTable table && table.getMetatable() == null) {
                return plain(table, i);
            }
            long n = i + 1;
            Object v = get.get(null, t, n, this, null);
            return v == MoatNil.NIL ? MoatNil.NIL : new Object[]{n, v};
        }
    }

    @MoatBuiltin(name = "select", variadic = true)
    public abstract static class SelectNode extends BuiltinNode {
        @Specialization
        protected Object select(Object[] args, @Cached TruffleString.ReadByteNode readByte) {
            Object n = arg(args, 0);
            int count = args.length - 1;
            if (n instanceof TruffleString s && MoatStrings.length(s) > 0 && readByte.execute(s, 0, MoatStrings.ENCODING) == '#') {
                // Lua looks only at the first character: select("#anything", ...) counts too.
                return (long) count;
            }
            long i = checkInteger(n, 1);
            if (i < 0) {
                i = count + i;
                if (i < 0) {
                    throw argError(1, "index out of range");
                }
            } else if (i == 0) {
                throw argError(1, "index out of range");
            } else {
                i--;
            }
            if (i >= count) {
                return MultiValue.EMPTY;
            }
            charge((count - i) / 8);
            return java.util.Arrays.copyOfRange(args, (int) i + 1, args.length);
        }
    }

    @MoatBuiltin(name = "setmetatable")
    public abstract static class SetMetatableNode extends BuiltinNode {
        /**
         * Whether this builtin has met a table that already had a metatable. Objects get theirs once, when
         * they are made ({@code setmetatable({...}, Class)}), so compiled code usually has no replacement
         * path at all: the protection check is a string hash and a field search that made every inlined copy
         * of this builtin half again as large (215 Graal nodes against 144, the count Truffle's inliner
         * budgets by), for a path such code never takes.
         */
        private final BranchProfile replacing = BranchProfile.create();

        @Specialization
        protected Object setmetatable(Object t, Object mt) {
            MoatTable table = checkTable(t, 1);
            if (!(mt instanceof MoatTable) && (mt != MoatNil.NIL || isNone(mt, 2))) {
                throw typeError(2, "nil or table", mt);
            }
            MoatTable old = table.getMetatable();
            if (old != null) {
                replacing.enter();
                if (isProtected(old)) {
                    throw error("cannot change a protected metatable");
                }
            }
            table.setMetatable(mt == MoatNil.NIL ? null : (MoatTable) mt);
            return table;
        }

        @TruffleBoundary
        private static boolean isProtected(MoatTable metatable) {
            Object protectedField = metatable.get(Metatables.METATABLE);
            return protectedField != null && protectedField != MoatNil.NIL;
        }
    }

    @MoatBuiltin(name = "getmetatable")
    public abstract static class GetMetatableNode extends BuiltinNode {
        @Specialization
        protected Object getmetatable(Object v) {
            checkAny(v, 1);
            MoatTable mt = Metatables.of(context(), v);
            if (mt == null) {
                return MoatNil.NIL;
            }
            Object protectedField = mt.get(Metatables.METATABLE);
            if (protectedField != null && protectedField != MoatNil.NIL) {
                return protectedField;
            }
            return mt;
        }
    }

    @MoatBuiltin(name = "assert", variadic = true)
    public abstract static class AssertNode extends BuiltinNode {
        @Specialization
        protected Object doAssert(Object[] args) {
            if (args.length == 0) {
                throw argError(1, "value expected");
            }
            if (LuaValues.isTruthy(args[0])) {
                return args.length == 1 ? args[0] : args;
            }
            // Like error(message) at level 1: a string message gets the caller's position, if it is Lua code.
            Object message = args.length >= 2 ? args[1] : MoatStrings.fromJava("assertion failed!");
            if (message instanceof TruffleString s) {
                message = ErrorNode.prefixed(s, 1);
            }
            throw new MoatError(message, this);
        }
    }

    @MoatBuiltin(name = "error")
    public abstract static class ErrorNode extends BuiltinNode {
        @Specialization
        protected Object error(Object value, Object levelArg) {
            int level = (int) optInteger(levelArg, 2, 1); // Lua casts the level to a C int, high bits dropped
            // Taken (and cleared) whatever the level: the Lua call site that called this error, if one did.
            Node callSite = context().takeErrorCallSite();
            Object v = value;
            if (v instanceof TruffleString s && level > 0) {
                if (level == 1 && callSite == dev.moat.language.nodes.call.InvokeNode.FROM_BUILTIN) {
                    v = s; // called by a builtin: level 1 has no position
                } else {
                    v = level == 1 && callSite != null ? prefixedAt(s, callSite) : prefixed(s, level);
                }
            }
            MoatError error = new MoatError(v, this);
            // Rare: only a run in which the runtime raised a depth or host error looks at the message.
            throw context().hasRaisedAny() ? error.from(MoatError.rethrown(v, context())) : error;
        }

        /** {@link #prefixed} at level 1 when the Lua call site is known: the position the stack walk would find. */
        @TruffleBoundary
        static TruffleString prefixedAt(TruffleString s, Node callSite) {
            String where = Positions.callSiteWhere(callSite);
            return where.isEmpty() ? s : MoatStrings.concat(MoatStrings.fromJava(where), s);
        }

        @TruffleBoundary
        static TruffleString prefixed(TruffleString s, int level) {
            String where = Positions.callerWhere(Math.min(level, 1000));
            return where.isEmpty() ? s : MoatStrings.concat(MoatStrings.fromJava(where), s);
        }
    }

    /**
     * collectgarbage with Lua 5.4's options and result shapes. The JVM's collector is not under guest
     * control, so "collect" and "step" do no work; the settings a script can change (running, mode,
     * pause, step multiplier) are remembered per context so that reading them back is consistent.
     */
    @MoatBuiltin(name = "collectgarbage", variadic = true)
    public abstract static class CollectGarbageNode extends BuiltinNode {
        private static final java.util.List<String> OPTIONS = java.util.List.of("stop", "restart", "collect", "count",
                "step", "setpause", "setstepmul", "isrunning", "generational", "incremental");

        @Specialization
        protected Object collectgarbage(Object[] args) {
            String option = arg(args, 0) == MoatNil.NIL ? "collect" : MoatStrings.toJava(checkString(arg(args, 0), 1));
            if (!OPTIONS.contains(option)) {
                throw argError(1, "invalid option '" + option + "'");
            }
            MoatContext context = context();
            GcSettings gc = context.gcSettings();
            switch (option) {
                case "count":
                    // Guest-accounted bytes only: the host heap is not observable (SECURITY.md B8).
                    return context.budget.bytesAllocated() / 1024.0;
                case "stop":
                    gc.running = false;
                    return 0L;
                case "restart":
                    gc.running = true;
                    return 0L;
                case "step":
                    return Boolean.FALSE;
                case "isrunning":
                    return gc.running;
                case "setpause": {
                    long previous = gc.pause;
                    gc.pause = optInteger(arg(args, 1), 2, 0);
                    return previous;
                }
                case "setstepmul": {
                    long previous = gc.stepMultiplier;
                    gc.stepMultiplier = optInteger(arg(args, 1), 2, 0);
                    return previous;
                }
                case "generational":
                case "incremental": {
                    String previous = gc.mode;
                    gc.mode = option;
                    return MoatStrings.fromJava(previous);
                }
                default:
                    return 0L;
            }
        }
    }

    /** The collector settings a script has set (they have no effect on the JVM's collector). */
    public static final class GcSettings {
        boolean running = true;
        long pause = 200;
        long stepMultiplier = 100;
        // The standalone lua5.4 switches to generational mode at start-up; scripts see the same.
        String mode = "generational";
    }
}
