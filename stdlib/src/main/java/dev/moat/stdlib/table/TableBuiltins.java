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
import dev.moat.language.nodes.expression.CompareNode;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * table.insert, remove, concat, unpack, pack and sort, with Lua 5.4's argument checks and messages.
 * (Raw access: metamethod-aware variants are a known gap listed in the stdlib issue notes.)
 */
public final class TableBuiltins {
    private TableBuiltins() {
    }

    static Object get(MoatTable t, long i) {
        Object v = t.getLong(i);
        return v == null ? MoatNil.NIL : v;
    }

    @MoatBuiltin(name = "insert", variadic = true)
    public abstract static class InsertNode extends BuiltinNode {
        @Specialization
        protected Object insert(Object[] args) {
            MoatTable t = checkTable(arg(args, 0), 1);
            long e = t.length() + 1;
            if (args.length == 2) {
                allocate(SizeModel.arraySlots(1));
                t.putLong(e, args[1]);
                return MultiValue.EMPTY;
            }
            if (args.length != 3) {
                throw error("wrong number of arguments to 'insert'");
            }
            long pos = checkInteger(args[1], 2);
            if (pos - 1 < 0 || pos - 1 >= e) {
                throw argError(2, "position out of bounds");
            }
            charge(1 + (e - pos) / 8);
            allocate(SizeModel.arraySlots(1));
            for (long i = e; i > pos; i--) {
                t.putLong(i, get(t, i - 1));
            }
            t.putLong(pos, args[2]);
            return MultiValue.EMPTY;
        }
    }

    @MoatBuiltin(name = "remove", variadic = true)
    public abstract static class RemoveNode extends BuiltinNode {
        @Specialization
        protected Object remove(Object[] args) {
            MoatTable t = checkTable(arg(args, 0), 1);
            long size = t.length();
            long pos = args.length >= 2 ? checkInteger(args[1], 2) : size;
            if (args.length >= 2 && size + 1 != pos && (pos - 1 < 0 || pos - 1 > size)) {
                throw argError(2, "position out of bounds");
            }
            Object removed = get(t, pos);
            charge(1 + Math.max(0, size - pos) / 8);
            for (; pos < size; pos++) {
                t.putLong(pos, get(t, pos + 1));
            }
            if (pos <= size || args.length < 2 || pos == size) {
                t.putLong(pos, MoatNil.NIL);
            }
            return removed;
        }
    }

    @MoatBuiltin(name = "concat")
    public abstract static class ConcatNode extends BuiltinNode {
        @Specialization
        protected Object concat(Object table, Object sep, Object i, Object j,
                                @Cached TruffleStringBuilder.AppendStringNode append,
                                @Cached TruffleStringBuilder.ToStringNode build) {
            MoatTable t = checkTable(table, 1);
            TruffleString separator = optString(sep, 2, MoatStrings.EMPTY);
            long first = optInteger(i, 3, 1);
            long last = j == MoatNil.NIL ? t.length() : checkInteger(j, 4);
            if (first > last) {
                return MoatStrings.EMPTY;
            }
            TruffleStringBuilder sb = TruffleStringBuilder.create(MoatStrings.ENCODING);
            long bytes = 0;
            for (long k = first; ; k++) {
                Object v = get(t, k);
                TruffleString s;
                if (v instanceof TruffleString ts) {
                    s = ts;
                } else if (v instanceof Long || v instanceof Double) {
                    s = LuaValues.numberToString(v);
                } else {
                    throw invalidValue(v, k);
                }
                int len = MoatStrings.length(s);
                bytes += len;
                charge(1 + len / 64);
                allocate(len);
                append.execute(sb, s);
                if (k == last) {
                    break;
                }
                append.execute(sb, separator);
            }
            return build.execute(sb);
        }

        @TruffleBoundary
        private RuntimeException invalidValue(Object v, long k) {
            return error("invalid value (" + LuaValues.typeName(v) + ") at index " + k + " in table for 'concat'");
        }
    }

    @MoatBuiltin(name = "unpack")
    public abstract static class UnpackNode extends BuiltinNode {
        @Specialization
        protected Object unpack(Object table, Object i, Object j) {
            MoatTable t = checkTable(table, 1);
            long first = optInteger(i, 2, 1);
            long last = j == MoatNil.NIL ? t.length() : checkInteger(j, 3);
            if (first > last) {
                return MultiValue.EMPTY;
            }
            long n = last - first + 1;
            if (n <= 0 || n >= 1_000_000) {
                throw error("too many results to unpack");
            }
            charge(1 + n / 8);
            allocate(SizeModel.arraySlots(n));
            Object[] out = new Object[(int) n];
            for (int k = 0; k < n; k++) {
                out[k] = get(t, first + k);
            }
            return out.length == 1 ? out[0] : out;
        }
    }

    /** table.move(a1, f, e, t [,a2]) with Lua 5.4's range checks; element access honours __index/__newindex. */
    @MoatBuiltin(name = "move", variadic = true)
    public abstract static class MoveNode extends BuiltinNode {
        @Specialization
        protected Object move(Object[] args, @Cached("create()") dev.moat.language.nodes.table.IndexGetNode get,
                              @Cached("create()") dev.moat.language.nodes.table.IndexSetNode set) {
            Object a1 = arg(args, 0);
            checkTable(a1, 1);
            long f = checkInteger(arg(args, 1), 2);
            long e = checkInteger(arg(args, 2), 3);
            long t = checkInteger(arg(args, 3), 4);
            Object a2 = args.length >= 5 && arg(args, 4) != MoatNil.NIL ? arg(args, 4) : a1;
            checkTable(a2, args.length >= 5 ? 5 : 1);
            if (e >= f) {
                if (!(f > 0 || e < Long.MAX_VALUE + f)) {
                    throw argError(3, "too many elements to move");
                }
                if (t > Long.MAX_VALUE - (e - f)) {
                    throw argError(4, "destination wrap around");
                }
                long n = e - f;
                charge(1 + n / 4);
                if (t > e || t <= f || (args.length >= 5 && a1 != a2)) {
                    for (long i = 0; i <= n; i++) {
                        set.set(a2, t + i, get.get(a1, f + i, this, null), this, null);
                    }
                } else {
                    for (long i = n; i >= 0; i--) {
                        set.set(a2, t + i, get.get(a1, f + i, this, null), this, null);
                    }
                }
            }
            return a2;
        }
    }

    @MoatBuiltin(name = "pack", variadic = true)
    public abstract static class PackNode extends BuiltinNode {
        @Specialization
        protected Object pack(Object[] args) {
            allocate(SizeModel.table(args.length, 1));
            MoatTable t = new MoatTable(args.length, 1);
            for (int k = 0; k < args.length; k++) {
                t.putLong(k + 1, args[k]);
            }
            t.put(MoatStrings.fromJava("n"), (long) args.length);
            return t;
        }
    }

    @MoatBuiltin(name = "sort")
    public abstract static class SortNode extends BuiltinNode {
        @Specialization
        protected Object sort(Object table, Object comparator, @Cached("create()") InvokeNode invoke) {
            MoatTable t = checkTable(table, 1);
            if (comparator != MoatNil.NIL) {
                checkFunction(comparator, 2);
            }
            long n = t.length();
            if (n > Integer.MAX_VALUE - 8) {
                throw argError(1, "array too big");
            }
            Object[] a = new Object[(int) n];
            for (int k = 0; k < n; k++) {
                a[k] = get(t, k + 1);
            }
            mergeSort(a, comparator, invoke);
            for (int k = 0; k < n; k++) {
                t.putLong(k + 1, a[k]);
            }
            return MultiValue.EMPTY;
        }

        private boolean less(Object x, Object y, Object comparator, InvokeNode invoke) {
            charge(1);
            if (comparator == MoatNil.NIL) {
                return CompareNode.compareWithMetamethods(x, y, false, invoke, this);
            }
            return LuaValues.isTruthy(MultiValue.first(invoke.callWith(comparator, x, y)));
        }

        /** A stable merge sort: every comparison is charged; inconsistent comparators cannot break it. */
        private void mergeSort(Object[] a, Object comparator, InvokeNode invoke) {
            Object[] tmp = new Object[a.length];
            for (int width = 1; width < a.length; width *= 2) {
                for (int lo = 0; lo < a.length - width; lo += 2 * width) {
                    int mid = lo + width;
                    int hi = Math.min(lo + 2 * width, a.length);
                    int i = lo;
                    int j = mid;
                    int k = lo;
                    while (i < mid && j < hi) {
                        if (less(a[j], a[i], comparator, invoke)) {
                            tmp[k++] = a[j++];
                        } else {
                            tmp[k++] = a[i++];
                        }
                    }
                    while (i < mid) {
                        tmp[k++] = a[i++];
                    }
                    while (j < hi) {
                        tmp[k++] = a[j++];
                    }
                    System.arraycopy(tmp, lo, a, lo, hi - lo);
                }
            }
        }
    }
}
