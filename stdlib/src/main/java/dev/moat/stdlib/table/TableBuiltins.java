package dev.moat.stdlib.table;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.strings.TruffleString;
import com.oracle.truffle.api.strings.TruffleStringBuilder;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.expression.LuaEquality;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.SequenceOperations;

/**
 * table.insert, remove, concat, unpack, move, pack and sort with Lua 5.4's argument checks, messages and
 * order of evaluation. Elements are read and written as lua_geti/lua_seti do and lengths taken as
 * luaL_len does ({@link ElementAccessNode}), so proxies with __index/__newindex/__len work; tables
 * without a metatable take a raw fast path. Error messages follow the lua5.4 binary (5.4.4).
 */
public final class TableBuiltins {
    private TableBuiltins() {
    }

    @MoatBuiltin(name = "insert", variadic = true)
    public abstract static class InsertNode extends BuiltinNode {
        @Specialization
        protected Object insert(Object[] args, @Cached("create()") ElementAccessNode access) {
            Object t = arg(args, 0);
            TableArguments.checkTableLike(this, t, 1, TableArguments.READ | TableArguments.WRITE | TableArguments.LENGTH);
            long end = access.length(t) + 1; // first empty slot; wraps like Lua's integer arithmetic
            long pos;
            if (args.length == 2) {
                pos = end;
            } else if (args.length == 3) {
                pos = checkInteger(args[1], 2);
                if (Long.compareUnsigned(pos - 1, end) >= 0) { // pos in [1, end]
                    throw argError(2, "position out of bounds");
                }
                if (pos < end && t instanceof MoatTable table && table.getMetatable() == null && SequenceOperations.canShiftUp(table)) {
                    // no metamethod can see the moves: one array copy instead of end - pos get/set pairs
                    TableArguments.meterBulkMoves(this, end - pos);
                    SequenceOperations.shiftUp(table, pos);
                } else {
                    for (long i = end; i > pos; i--) {
                        TableArguments.meterMoves(this, end - i, end - pos);
                        access.set(t, i, access.get(t, i - 1));
                    }
                }
            } else {
                throw error("wrong number of arguments to 'insert'");
            }
            allocate(SizeModel.arraySlots(1));
            access.set(t, pos, args[args.length - 1]);
            return MultiValue.EMPTY;
        }
    }

    @MoatBuiltin(name = "remove", variadic = true)
    public abstract static class RemoveNode extends BuiltinNode {
        @Specialization
        protected Object remove(Object[] args, @Cached("create()") ElementAccessNode access) {
            Object t = arg(args, 0);
            TableArguments.checkTableLike(this, t, 1, TableArguments.READ | TableArguments.WRITE | TableArguments.LENGTH);
            long size = access.length(t);
            long pos = optInteger(arg(args, 1), 2, size);
            if (pos != size && Long.compareUnsigned(pos - 1, size) > 0) { // pos in [1, size + 1]
                // lua5.4 (5.4.4) names argument #1 here
                throw argError(1, "position out of bounds");
            }
            Object removed = access.get(t, pos);
            if (pos >= 1 && pos < size && t instanceof MoatTable table && table.getMetatable() == null) {
                TableArguments.meterBulkMoves(this, size - pos);
                SequenceOperations.shiftDown(table, pos);
                return removed;
            }
            long first = pos;
            for (; pos < size; pos++) {
                TableArguments.meterMoves(this, pos - first, size - first);
                access.set(t, pos, access.get(t, pos + 1));
            }
            access.set(t, pos, MoatNil.NIL);
            return removed;
        }
    }

    @MoatBuiltin(name = "concat")
    public abstract static class ConcatNode extends BuiltinNode {
        @Specialization
        protected Object concat(Object table, Object sep, Object i, Object j,
                                @Cached("create()") ElementAccessNode access,
                                @Cached TruffleStringBuilder.AppendStringNode append,
                                @Cached TruffleStringBuilder.ToStringNode build) {
            TableArguments.checkTableLike(this, table, 1, TableArguments.READ | TableArguments.LENGTH);
            long length = access.length(table);
            TruffleString separator = optString(sep, 2, MoatStrings.EMPTY);
            long k = optInteger(i, 3, 1);
            long last = optInteger(j, 4, length);
            int separatorLength = MoatStrings.length(separator);
            allocate(SizeModel.string(0));
            TruffleStringBuilder sb = TruffleStringBuilder.create(MoatStrings.ENCODING);
            for (; k < last; k++) {
                append.execute(sb, field(access, table, k));
                charge(1 + separatorLength / 64);
                allocate(separatorLength);
                append.execute(sb, separator);
            }
            if (k == last) {
                append.execute(sb, field(access, table, k));
            }
            return build.execute(sb);
        }

        /** One element as a string (numbers converted), charged and allocated before it is appended. */
        private TruffleString field(ElementAccessNode access, Object table, long k) {
            Object v = access.get(table, k);
            TruffleString s;
            if (v instanceof TruffleString ts) {
                s = ts;
            } else if (v instanceof Long || v instanceof Double) {
                s = LuaValues.numberToString(v);
            } else {
                throw invalidValue(v, k);
            }
            int len = MoatStrings.length(s);
            charge(1 + len / 64);
            allocate(len);
            return s;
        }

        @TruffleBoundary
        private RuntimeException invalidValue(Object v, long k) {
            return error("invalid value (" + LuaValues.typeName(v) + ") at index " + k + " in table for 'concat'");
        }
    }

    @MoatBuiltin(name = "unpack")
    public abstract static class UnpackNode extends BuiltinNode {
        /**
         * Lua fails when the results do not fit its stack (1,000,000 slots, less what the caller uses);
         * this is the limit lua5.4 shows for a call made directly from a shallow stack.
         */
        private static final long MAX_RESULTS = 999_977;

        @Specialization
        protected Object unpack(Object table, Object i, Object j, @Cached("create()") ElementAccessNode access) {
            long first = optInteger(i, 2, 1);
            long last = j == MoatNil.NIL ? access.length(table) : checkInteger(j, 3);
            if (first > last) {
                return MultiValue.EMPTY;
            }
            long spanMinusOne = last - first; // as unsigned: no overflow for any first <= last
            if (Long.compareUnsigned(spanMinusOne, MAX_RESULTS) >= 0) {
                throw error("too many results to unpack");
            }
            int n = (int) spanMinusOne + 1;
            charge(1 + n / 8);
            allocate(SizeModel.arraySlots(n));
            if (n == 1) {
                return access.get(table, first);
            }
            Object[] out = new Object[n];
            if (!(table instanceof MoatTable t && t.getMetatable() == null && ArrayElements.readElements(t, first, out))) {
                for (int k = 0; k < n; k++) {
                    out[k] = access.get(table, first + k);
                }
            }
            return out;
        }
    }

    /** table.move(a1, f, e, t [,a2]) with Lua 5.4's checks, in Lua's order. */
    @MoatBuiltin(name = "move", variadic = true)
    public abstract static class MoveNode extends BuiltinNode {
        @Specialization
        protected Object move(Object[] args, @Cached("create()") ElementAccessNode access,
                              @Cached("create()") InvokeNode invoke) {
            long f = checkInteger(arg(args, 1), 2);
            long e = checkInteger(arg(args, 2), 3);
            long t = checkInteger(arg(args, 3), 4);
            boolean otherDestination = arg(args, 4) != MoatNil.NIL;
            Object a1 = arg(args, 0);
            Object a2 = otherDestination ? args[4] : a1;
            TableArguments.checkTableLike(this, a1, 1, TableArguments.READ);
            TableArguments.checkTableLike(this, a2, otherDestination ? 5 : 1, TableArguments.WRITE);
            if (e >= f) {
                if (!(f > 0 || e < Long.MAX_VALUE + f)) {
                    throw argError(3, "too many elements to move");
                }
                long n = e - f + 1;
                if (t > Long.MAX_VALUE - n + 1) {
                    throw argError(4, "destination wrap around");
                }
                if (t > e || t <= f || (otherDestination && !luaEquals(a1, a2, invoke))) {
                    for (long i = 0; i < n; i++) {
                        TableArguments.meterMoves(this, i, n);
                        access.set(a2, t + i, access.get(a1, f + i));
                    }
                } else {
                    for (long i = n - 1; i >= 0; i--) {
                        TableArguments.meterMoves(this, n - 1 - i, n);
                        access.set(a2, t + i, access.get(a1, f + i));
                    }
                }
            }
            return a2;
        }

        /** lua_compare(EQ): raw equality, or __eq (the first table's, then the second's) for two tables. */
        private boolean luaEquals(Object a, Object b, InvokeNode invoke) {
            if (LuaEquality.rawEquals(a, b)) {
                return true;
            }
            if (!(a instanceof MoatTable) || !(b instanceof MoatTable)) {
                return false;
            }
            Object handler = Metatables.metamethod(context(), a, Metatables.EQ);
            if (handler == null) {
                handler = Metatables.metamethod(context(), b, Metatables.EQ);
            }
            return handler != null && LuaValues.isTruthy(MultiValue.first(invoke.callFromBuiltin(handler, a, b)));
        }
    }

    /**
     * table.pack builds a plain table: no metamethods are involved. Its arguments go in as one sequence,
     * holes and all, as {@code {...}} does (Lua presizes the array part for both), so
     * {@code #table.pack(1, nil, 3)} is 3 as on lua5.4, not the 1 that storing key by key gave.
     */
    @MoatBuiltin(name = "pack", variadic = true)
    public abstract static class PackNode extends BuiltinNode {
        @Specialization
        protected Object pack(Object[] args) {
            allocate(SizeModel.table(args.length, 1));
            MoatTable t = new MoatTable(args.length, 1);
            t.setSequence(args, args.length);
            t.put(MoatStrings.fromJava("n"), (long) args.length);
            return t;
        }
    }

    @MoatBuiltin(name = "sort")
    public abstract static class SortNode extends BuiltinNode {
        @Specialization
        protected Object sort(Object table, Object comparator, @Cached("create()") ElementAccessNode access,
                              @Cached("create()") LuaQuicksortNode quicksort) {
            TableArguments.checkTableLike(this, table, 1, TableArguments.READ | TableArguments.WRITE | TableArguments.LENGTH);
            long n = access.length(table);
            if (n > 1) { // Lua checks the comparator only when there is something to sort
                if (n >= Integer.MAX_VALUE) {
                    throw argError(1, "array too big");
                }
                if (comparator != MoatNil.NIL) {
                    checkFunction(comparator, 2);
                } else if (table instanceof MoatTable t && t.getMetatable() == null) {
                    if (HomogeneousSort.trySort(t, (int) n, () -> charge(HomogeneousSort.cost(n)))) {
                        return MultiValue.EMPTY;
                    }
                    Object[] copy = HomogeneousSort.numbersAndStrings(t, (int) n);
                    if (copy != null) {
                        // Nothing can look at the table while `<` compares numbers and strings, so the same
                        // algorithm runs on a copy; the copy goes back even when a comparison fails half-way.
                        try {
                            quicksort.sort(copy, n, comparator);
                        } finally {
                            HomogeneousSort.writeBack(t, copy);
                        }
                        return MultiValue.EMPTY;
                    }
                }
                quicksort.sort(table, n, comparator);
            }
            return MultiValue.EMPTY;
        }
    }
}
