package dev.moat.stdlib.utf8;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

import java.io.ByteArrayOutputStream;

/** The utf8 library: char, codepoint, len, offset, codes (strict, or lax with the extra argument). */
public final class Utf8Builtins {
    private Utf8Builtins() {
    }

    static final long MAX_UNICODE = 0x10FFFF;
    static final long MAX_UTF = 0x7FFFFFFF;

    /** Decodes one sequence at i: {codepoint, length}, or null if invalid. */
    static long[] decode(byte[] s, int i, boolean strict) {
        int c = s[i] & 0xff;
        if (c < 0x80) {
            return new long[]{c, 1};
        }
        if (c < 0xC0) {
            return null;
        }
        int count;
        long res;
        if (c < 0xE0) {
            count = 1;
            res = c & 0x1F;
        } else if (c < 0xF0) {
            count = 2;
            res = c & 0x0F;
        } else if (c < 0xF8) {
            count = 3;
            res = c & 0x07;
        } else if (c < 0xFC) {
            count = 4;
            res = c & 0x03;
        } else if (c < 0xFE) {
            count = 5;
            res = c & 0x01;
        } else {
            return null;
        }
        long[] limits = {~0L, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
        for (int k = 1; k <= count; k++) {
            if (i + k >= s.length) {
                return null;
            }
            int cc = s[i + k] & 0xff;
            if ((cc & 0xC0) != 0x80) {
                return null;
            }
            res = (res << 6) | (cc & 0x3F);
        }
        if (res < limits[count] || res > MAX_UTF) {
            return null;
        }
        if (strict && (res > MAX_UNICODE || (res >= 0xD800 && res <= 0xDFFF))) {
            return null;
        }
        return new long[]{res, count + 1};
    }

    static void encode(ByteArrayOutputStream out, long x) {
        dev.moat.language.runtime.LuaUtf8.encode(out, x);
    }

    static long posrelat(long pos, long len) {
        if (pos >= 0) {
            return pos;
        } else if (-pos > len) {
            return 0;
        }
        return len + pos + 1;
    }

    @MoatBuiltin(name = "char", variadic = true)
    public abstract static class CharNode extends BuiltinNode {
        @Specialization
        protected Object chars(Object[] args) {
            return build(args);
        }

        @TruffleBoundary
        private Object build(Object[] args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < args.length; i++) {
                long c = checkInteger(args[i], i + 1);
                if (c < 0 || c > MAX_UTF) {
                    throw argError(i + 1, "value out of range");
                }
                encode(out, c);
            }
            charge(1 + args.length / 8);
            allocate(SizeModel.string(out.size()));
            return MoatStrings.fromBytes(out.toByteArray());
        }
    }

    @MoatBuiltin(name = "codepoint", variadic = true)
    public abstract static class CodepointNode extends BuiltinNode {
        @Specialization
        protected Object codepoint(Object[] args) {
            byte[] s = MoatStrings.bytesView(checkString(arg(args, 0), 1));
            long i = posrelat(optInteger(arg(args, 1), 2, 1), s.length);
            long j = posrelat(arg(args, 2) == MoatNil.NIL ? i : checkInteger(arg(args, 2), 3), s.length);
            boolean lax = LuaValues.isTruthy(arg(args, 3));
            if (i < 1) {
                throw argError(2, "out of bounds");
            }
            if (j > s.length) {
                throw argError(3, "out of bounds");
            }
            if (i > j) {
                return MultiValue.EMPTY;
            }
            if (j - i >= 1_000_000) {
                throw error("stack overflow (string slice too long)"); // luaL_checkstack's limit on results, before any work
            }
            charge(1 + (j - i) / 8);
            java.util.List<Object> out = new java.util.ArrayList<>();
            int p = (int) i - 1;
            while (p < j) {
                long[] d = decode(s, p, !lax);
                if (d == null) {
                    throw error("invalid UTF-8 code");
                }
                out.add(d[0]);
                p += (int) d[1];
            }
            return out.size() == 1 ? out.get(0) : out.toArray();
        }
    }

    @MoatBuiltin(name = "len", variadic = true)
    public abstract static class LenNode extends BuiltinNode {
        @Specialization
        protected Object len(Object[] args) {
            byte[] s = MoatStrings.bytesView(checkString(arg(args, 0), 1));
            long i = posrelat(optInteger(arg(args, 1), 2, 1), s.length);
            long j = posrelat(optInteger(arg(args, 2), 3, -1), s.length);
            boolean lax = LuaValues.isTruthy(arg(args, 3));
            if (!(1 <= i && i - 1 <= s.length)) {
                throw argError(2, "initial position out of bounds");
            }
            if (j > s.length) {
                throw argError(3, "final position out of bounds");
            }
            charge(1 + Math.max(0, j - i) / 32);
            long n = 0;
            int p = (int) i - 1;
            while (p < j) {
                long[] d = decode(s, p, !lax);
                if (d == null) {
                    return new Object[]{MoatNil.NIL, (long) p + 1};
                }
                p += (int) d[1];
                n++;
            }
            return n;
        }
    }

    static boolean isCont(byte[] s, int i) {
        return i < s.length && (s[i] & 0xC0) == 0x80;
    }

    @MoatBuiltin(name = "offset", variadic = true)
    public abstract static class OffsetNode extends BuiltinNode {
        @Specialization
        protected Object offset(Object[] args) {
            byte[] s = MoatStrings.bytesView(checkString(arg(args, 0), 1));
            long n = checkInteger(arg(args, 1), 2);
            long defI = n >= 0 ? 1 : s.length + 1;
            long i = posrelat(optInteger(arg(args, 2), 3, defI), s.length);
            if (!(1 <= i && i - 1 <= s.length)) {
                throw argError(3, "position out of bounds");
            }
            int posi = (int) i - 1;
            // Charged by the bytes the walk can touch (a character is at most 4 bytes, and the walk
            // stops at either end of the string), not by n: a huge n just runs off the end.
            long reachable = n > 0 ? s.length - posi : posi;
            double wanted = Math.abs((double) n) * 4;
            charge(1 + (long) Math.min(reachable, wanted) / 8);
            if (n == 0) {
                while (posi > 0 && isCont(s, posi)) {
                    posi--;
                }
                return (long) posi + 1;
            }
            if (isCont(s, posi)) {
                throw error("initial position is a continuation byte");
            }
            if (n < 0) {
                while (n < 0 && posi > 0) {
                    do {
                        posi--;
                    } while (posi > 0 && isCont(s, posi));
                    n++;
                }
            } else {
                n--;
                while (n > 0 && posi < s.length) {
                    do {
                        posi++;
                    } while (isCont(s, posi));
                    n--;
                }
            }
            return n == 0 ? (Object) ((long) posi + 1) : MoatNil.NIL;
        }
    }

    @MoatBuiltin(name = "codes", variadic = true)
    public abstract static class CodesNode extends BuiltinNode {
        @Specialization
        protected Object codes(Object[] args) {
            TruffleString s = checkString(arg(args, 0), 1);
            boolean lax = LuaValues.isTruthy(arg(args, 1));
            MoatFunction step = new MoatFunction(context().getLanguage().getBuiltinTargets()
                    .target(Utf8BuiltinsFactory.CodesStepNodeFactory.getInstance(), "utf8"), new Cell[]{new Cell(lax)}, false);
            return new Object[]{step, s, 0L};
        }
    }

    /** The iterator utf8.codes returns. */
    @MoatBuiltin(name = "codes_step")
    public abstract static class CodesStepNode extends BuiltinNode {
        @Specialization
        protected Object step(VirtualFrame frame, Object str, Object pos) {
            boolean lax = (Boolean) ((MoatFunction) frame.getArguments()[0]).cell(0).value;
            byte[] s = MoatStrings.bytesView(checkString(str, 1));
            long n = checkInteger(pos, 2);
            if (n < 0 || n >= s.length) {
                return MultiValue.EMPTY;
            }
            // As lua5.4 (5.4.4) does, continuation bytes before a character are skipped, not reported.
            int i = (int) n;
            while (isCont(s, i)) {
                i++;
            }
            if (i >= s.length) {
                return MultiValue.EMPTY;
            }
            long[] d = decode(s, i, !lax);
            if (d == null) {
                throw error("invalid UTF-8 code");
            }
            return new Object[]{(long) i + 1, d[0]};
        }
    }
}
