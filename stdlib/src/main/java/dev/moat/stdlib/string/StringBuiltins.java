package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Bind;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.InlinedBranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.builtins.ToStringNode;
import dev.moat.language.runtime.ByteSink;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * The byte-level string functions (len, sub, upper, lower, rep, reverse, byte, char). Each charges the
 * instruction budget per byte touched and the memory budget before producing a string.
 */
public final class StringBuiltins {
    private StringBuiltins() {
    }

    /** Lua's posrelat for string.sub/byte: negative positions count from the end. */
    static long startIndex(long i, long len) {
        if (i > 0) {
            return i;
        } else if (i == 0) {
            return 1;
        } else if (i < -len) {
            return 1;
        }
        return len + i + 1;
    }

    static long endIndex(long j, long len) {
        if (j > len) {
            return len;
        } else if (j >= 0) {
            return j;
        } else if (j < -len) {
            return 0;
        }
        return len + j + 1;
    }

    @MoatBuiltin(name = "len")
    public abstract static class LenNode extends BuiltinNode {
        @Specialization
        protected long len(Object s) {
            return checkString(s, 1).byteLength(MoatStrings.ENCODING);
        }
    }

    @MoatBuiltin(name = "sub")
    public abstract static class SubNode extends BuiltinNode {
        /** Cached TruffleString nodes, not the uncached helpers: compiled loops over s:sub(i, i) stay in compiled code. */
        @Specialization
        protected Object sub(Object s, Object i, Object j, @Cached TruffleString.SubstringByteIndexNode substring,
                             @Cached TruffleString.ReadByteNode readByte) {
            TruffleString str = checkString(s, 1);
            long len = str.byteLength(MoatStrings.ENCODING);
            long start = startIndex(checkInteger(i, 2), len);
            long end = endIndex(optInteger(j, 3, -1), len);
            if (start > end) {
                return MoatStrings.EMPTY;
            }
            charge(1 + (end - start) / 64);
            if (start == end) {
                return MoatStrings.singleByte(readByte.execute(str, (int) start - 1, MoatStrings.ENCODING));
            }
            // A copy, not a view of the subject (lazy = false): a view would keep a large subject alive and be
            // copied again by every builtin that reads a string's bytes as one array (patterns, utf8, unpack),
            // each time, for work charged per call; the copy is made and charged once, here.
            int length = (int) (end - start + 1);
            allocate(SizeModel.string(length));
            return substring.execute(str, (int) start - 1, length, MoatStrings.ENCODING, false);
        }
    }

    @MoatBuiltin(name = "upper")
    public abstract static class UpperNode extends BuiltinNode {
        @Specialization
        protected Object upper(Object s, @Cached TruffleString.FromByteArrayNode fromBytes) {
            TruffleString str = checkString(s, 1);
            byte[] b = mapBytes(this, str, true);
            return b == null ? str : fromBytes.execute(b, 0, b.length, MoatStrings.ENCODING, false);
        }
    }

    @MoatBuiltin(name = "lower")
    public abstract static class LowerNode extends BuiltinNode {
        @Specialization
        protected Object lower(Object s, @Cached TruffleString.FromByteArrayNode fromBytes) {
            TruffleString str = checkString(s, 1);
            byte[] b = mapBytes(this, str, false);
            return b == null ? str : fromBytes.execute(b, 0, b.length, MoatStrings.ENCODING, false);
        }
    }

    /**
     * The mapped copy of {@code s}'s bytes, charged before it is made, or null when no byte changes: then the
     * string itself is the result (strings are values; {@code lower} of a word already in lower case, the
     * usual case when counting words, made a copy of it), charged as the copy would have been. The caller
     * makes the string with its cached node, so that compiled code works out its code range with Graal's
     * vectorised intrinsic (see ByteSink#toMoatString).
     */
    @TruffleBoundary
    static byte[] mapBytes(BuiltinNode node, TruffleString s, boolean upper) {
        int length = MoatStrings.length(s);
        node.charge(1 + length / 16);
        MoatNodes.allocate(node, SizeModel.string(length));
        byte[] view = MoatStrings.bytesView(s);
        int lo = upper ? 'a' : 'A';
        int first = 0;
        while (first < view.length && ((view[first] & 0xff) < lo || (view[first] & 0xff) > lo + 25)) {
            first++;
        }
        if (first == view.length) {
            return null;
        }
        byte[] b = view.clone();
        for (int i = first; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c >= lo && c <= lo + 25) {
                b[i] = (byte) (upper ? c - 32 : c + 32);
            }
        }
        return b;
    }

    @MoatBuiltin(name = "rep")
    public abstract static class RepNode extends BuiltinNode {
        @Specialization
        protected Object rep(Object s, Object n, Object sep) {
            TruffleString str = checkString(s, 1);
            long count = checkInteger(n, 2);
            TruffleString separator = optString(sep, 3, MoatStrings.EMPTY);
            if (count <= 0) {
                return MoatStrings.EMPTY;
            }
            long l = MoatStrings.length(str);
            long ls = MoatStrings.length(separator);
            if (l + ls > Integer.MAX_VALUE / count) { // Lua's limit (MAXSIZE is INT_MAX), before any budget
                throw error("resulting string too large");
            }
            long total = l * count + ls * (count - 1);
            // Charged before allocating: string.rep("x", 1 << 30) never reaches the heap.
            allocate(SizeModel.string(total));
            if (total > Integer.MAX_VALUE - 16) {
                throw error("resulting string too large");
            }
            charge(1 + total / 64);
            if (total == 0) {
                return MoatStrings.EMPTY; // string.rep("", 1 << 62): no loop over nothing
            }
            return repeat(str, (int) count, separator, (int) total);
        }

        @TruffleBoundary
        private static TruffleString repeat(TruffleString s, int count, TruffleString sep, int total) {
            byte[] a = MoatStrings.bytes(s);
            byte[] b = MoatStrings.bytes(sep);
            byte[] out = new byte[total];
            int p = 0;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    System.arraycopy(b, 0, out, p, b.length);
                    p += b.length;
                }
                System.arraycopy(a, 0, out, p, a.length);
                p += a.length;
            }
            return MoatStrings.fromBytes(out);
        }
    }

    @MoatBuiltin(name = "reverse")
    public abstract static class ReverseNode extends BuiltinNode {
        @Specialization
        protected Object reverse(Object s) {
            byte[] b = MoatStrings.bytes(checkString(s, 1));
            charge(1 + b.length / 16);
            allocate(SizeModel.string(b.length));
            for (int i = 0, j = b.length - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
            return MoatStrings.fromBytes(b);
        }
    }

    @MoatBuiltin(name = "byte")
    public abstract static class ByteNode extends BuiltinNode {
        /**
         * {@code s:byte(i)}: at most one result, so the compiled specialisation has no loop and no result
         * array and inlines small. An index outside the string (no result) is a profiled branch: while
         * it has not happened the compiled code returns only the byte, so the caller gets it unboxed;
         * merged with the empty result the boxed byte would have to be materialised on every call.
         */
        @Specialization
        protected Object oneByte(Object s, Object i, MoatNil j, @Bind Node node,
                        @Shared @Cached TruffleString.ReadByteNode readByte, @Cached InlinedBranchProfile outside) {
            TruffleString str = checkString(s, 1);
            long len = str.byteLength(MoatStrings.ENCODING);
            long first = optInteger(i, 2, 1);
            long start = startIndex(first, len);
            if (start > endIndex(first, len)) {
                outside.enter(node);
                return MultiValue.EMPTY;
            }
            charge(1);
            return (long) readByte.execute(str, (int) (start - 1), MoatStrings.ENCODING);
        }

        @Specialization
        protected Object byteAt(Object s, Object i, Object j, @Shared @Cached TruffleString.ReadByteNode readByte) {
            return bytes(s, i, j, readByte);
        }

        private Object bytes(Object s, Object i, Object j, TruffleString.ReadByteNode readByte) {
            TruffleString str = checkString(s, 1);
            long len = str.byteLength(MoatStrings.ENCODING);
            long first = optInteger(i, 2, 1);
            long start = startIndex(first, len);
            // The end defaults to the start as given (byte(s, 0) is empty), not to the adjusted start.
            long end = endIndex(j == MoatNil.NIL ? first : checkInteger(j, 3), len);
            if (start > end) {
                return MultiValue.EMPTY;
            }
            if (end - start >= 1_000_000) {
                throw error("string slice too long");
            }
            charge(1 + (end - start) / 16);
            Object[] out = new Object[(int) (end - start + 1)];
            for (int k = 0; k < out.length; k++) {
                out[k] = (long) readByte.execute(str, (int) (start - 1 + k), MoatStrings.ENCODING);
            }
            return out.length == 1 ? out[0] : out;
        }
    }

    @MoatBuiltin(name = "char", variadic = true)
    public abstract static class CharNode extends BuiltinNode {
        /** {@code string.char(c)}: one byte, no loop, so it inlines small. */
        @Specialization(guards = "args.length == 1")
        protected Object oneChar(Object[] args) {
            charge(1);
            allocate(SizeModel.string(1));
            return MoatStrings.singleByte(byteArg(args[0], 1));
        }

        @Specialization(replaces = "oneChar")
        protected Object chars(Object[] args) {
            charge(1 + args.length / 16);
            allocate(SizeModel.string(args.length));
            byte[] b = new byte[args.length];
            for (int i = 0; i < args.length; i++) {
                b[i] = byteArg(args[i], i + 1);
            }
            return MoatStrings.fromBytes(b);
        }

        /** Argument {@code n} as a byte value 0..255, or Lua's "value out of range". */
        private byte byteArg(Object v, int n) {
            long c = checkInteger(v, n);
            if (c < 0 || c > 255) {
                throw argError(n, "value out of range");
            }
            return (byte) c;
        }
    }

    @MoatBuiltin(name = "format", variadic = true)
    public abstract static class FormatNode extends BuiltinNode {
        @Specialization
        protected Object format(Object[] args, @Cached("create()") ToStringNode toString,
                                @Cached TruffleString.FromByteArrayNode fromBytes) {
            TruffleString fmt = checkString(arg(args, 0), 1);
            Object result = StringFormatter.format(this, fmt, args, toString);
            return result instanceof ByteSink large ? large.toMoatString(fromBytes) : result;
        }
    }
}
