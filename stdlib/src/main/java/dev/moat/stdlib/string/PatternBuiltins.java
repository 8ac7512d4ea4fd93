package dev.moat.stdlib.string;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Cached.Shared;
import com.oracle.truffle.api.dsl.ImportStatic;
import com.oracle.truffle.api.dsl.ReportPolymorphism;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.InternalByteArray;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.Budget;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.builtins.MoatBuiltin;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.IndexGetNode;
import dev.moat.language.runtime.ByteSink;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;


/** string.find, match, gmatch and gsub on top of {@link LuaPatternMatcher}. */
public final class PatternBuiltins {
    private PatternBuiltins() {
    }

    /**
     * Matching steps are charged to the instruction budget (1 per 16 steps) and poll the deadline. The
     * pattern comes compiled from the call site ({@code known}, see FindNode) or else from the context's
     * cache (per context: see MoatContext.libraryState).
     */
    static LuaPatternMatcher matcher(BuiltinNode node, byte[] s, byte[] p, CompiledPattern known) {
        MoatContext context = MoatContext.get(node); // once per match, not per charge (a thread-local read here)
        Budget budget = context.budget;
        CompiledPattern compiled = known != null ? known : compiledPattern(context, p);
        return new LuaPatternMatcher(s, p, compiled, steps -> {
            budget.charge(Math.max(1, steps / 16), node);
            TruffleSafepoint.poll(node);
        });
    }

    /** The context's compiled {@code p} (null for a pattern too long to compile). */
    static CompiledPattern compiledPattern(MoatContext context, byte[] p) {
        return context.libraryState(CompiledPattern.Cache.class, CompiledPattern.Cache::new).get(p);
    }

    /**
     * What a find or match call costs before its search: 1, and 1 per 64 bytes of the pattern (read whole to
     * tell a plain search from a pattern, and as the compiled-pattern cache's key). The subject is paid for
     * as it is searched (positions passed over, matching steps), not by its length: a tokeniser that calls
     * {@code find(s, p, pos)} at every position of a long input pays for the bytes each call looks at, so
     * its budget grows with the input, not with its square.
     */
    static long callCharge(int patternLength) {
        return 1 + patternLength / 64;
    }

    static long startPosition(long init, int len) {
        if (init > 0) {
            return init;
        } else if (init == 0 || init < -len) {
            return 1;
        }
        return len + init + 1;
    }

    /**
     * Capture i (the whole match [s, e) when there are none) as a guest value: a position, or a string made
     * from the subject's bytes in one copy. One-byte captures are the shared one-byte strings (as
     * {@code s:sub(i, i)}), charged as any other string so that budgets do not depend on it.
     */
    static Object guestCapture(BuiltinNode node, LuaPatternMatcher m, int i, int s, int e) {
        int length = m.captureLength(i, s, e);
        int from = m.captureBegin(i, s);
        if (length == LuaPatternMatcher.CAP_POSITION) {
            return (long) from + 1;
        }
        node.allocate(SizeModel.string(length));
        return length == 1 ? MoatStrings.singleByte(m.src[from]) : MoatStrings.fromBytes(m.src, from, length);
    }

    static Object[] captures(BuiltinNode node, LuaPatternMatcher m, int s, int e, boolean wholeIfNone) {
        int n = m.captureCount(wholeIfNone);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = guestCapture(node, m, i, s, e);
        }
        return out;
    }

    static MoatError patternError(BuiltinNode node, LuaPatternMatcher.PatternError e) {
        return node.error(e.getMessage());
    }

    @TruffleBoundary
    static Object findAux(BuiltinNode node, Object[] args, boolean find, CompiledPattern known) {
        byte[] s = MoatStrings.bytesView(node.checkString(arg(args, 0), 1));
        byte[] p = MoatStrings.bytesView(node.checkString(arg(args, 1), 2));
        long init = startPosition(node.optInteger(arg(args, 2), 3, 1), s.length);
        if (init > s.length + 1L) {
            return MoatNil.NIL;
        }
        node.charge(callCharge(p.length));
        if (find && (LuaValues.isTruthy(arg(args, 3)) || !LuaPatternMatcher.hasSpecials(p, 0, p.length))) {
            int at = PlainFind.indexOf(node, s, 0, s.length, p, 0, p.length, (int) init - 1);
            return at < 0 ? MoatNil.NIL : new Object[]{(long) at + 1, (long) at + p.length};
        }
        LuaPatternMatcher m = matcher(node, s, p, known);
        boolean anchor = p.length > 0 && p[0] == '^';
        int pstart = anchor ? 1 : 0;
        int s1 = (int) init - 1;
        try {
            do {
                if (!anchor) {
                    s1 = m.skipToCandidate(s1);
                }
                m.reset();
                int e = m.matchAt(s1, pstart);
                if (e != -1) {
                    m.flush();
                    if (find) {
                        Object[] caps = captures(node, m, s1, e, false);
                        Object[] out = new Object[2 + caps.length];
                        out[0] = (long) s1 + 1;
                        out[1] = (long) e;
                        System.arraycopy(caps, 0, out, 2, caps.length);
                        return out;
                    }
                    return MultiValue.of(captures(node, m, s1, e, true));
                }
            } while (s1++ < s.length && !anchor);
        } catch (LuaPatternMatcher.PatternError e) {
            throw patternError(node, e);
        }
        m.flush();
        return MoatNil.NIL;
    }

    /** What gsub takes as its replacement: a string, a number (as a string), a table or a function. */
    static boolean isReplacement(Object repl) {
        return repl instanceof TruffleString || repl instanceof Long || repl instanceof Double
                || repl instanceof MoatTable || repl instanceof MoatFunction;
    }

    static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : MoatNil.NIL;
    }

    @MoatBuiltin(name = "find", variadic = true)
    @ImportStatic({SingleClassPattern.class, CompiledPattern.class})
    @ReportPolymorphism
    public abstract static class FindNode extends BuiltinNode {
        /**
         * A pattern this site has seen (by identity: a literal is one string), with what kind of search it
         * is worked out once: a single character class searches in compiled code (SingleClassPattern). A site
         * that sees several patterns asks Truffle to split the builtin, so each caller keeps its own. Builtin
         * nodes are shared by an engine's contexts, and a pattern string one context made must not stay in
         * them (SECURITY.md C6, E7, N3): a short literal of the code is kept on any engine, any other string
         * only while the engine serves one context (BuiltinNode.cacheAssumption).
         */
        @Specialization(guards = "isPattern(args, cachedPattern)", limit = "3", assumptions = "keep")
        protected Object findKnownPattern(Object[] args,
                                          @Cached("patternArgument(args)") TruffleString cachedPattern,
                                          @Cached("cacheAssumption(cachedPattern)") Assumption keep,
                                          @Cached("forPattern(cachedPattern)") SingleClassPattern singleClass,
                                          @Cached("compile(cachedPattern)") CompiledPattern compiled,
                                          @Shared @Cached TruffleString.GetInternalByteArrayNode subjectBytes,
                                          @Shared @Cached TruffleString.GetInternalByteArrayNode patternBytes) {
            if (singleClass != null && args.length <= 3 && args[0] instanceof TruffleString s
                    && (args.length < 3 || args[2] == MoatNil.NIL || args[2] instanceof Long)) {
                long init = args.length < 3 || args[2] == MoatNil.NIL ? 1 : (long) (Long) args[2];
                return singleClass.find(this, subjectBytes.execute(s, MoatStrings.ENCODING), init);
            }
            return find(args, subjectBytes, patternBytes, compiled);
        }

        /** Strings, an integer or no init, and a plain search: in compiled code (PlainFind); the rest in findAux. */
        @Specialization
        protected Object find(Object[] args, @Shared @Cached TruffleString.GetInternalByteArrayNode subjectBytes,
                              @Shared @Cached TruffleString.GetInternalByteArrayNode patternBytes) {
            return find(args, subjectBytes, patternBytes, null);
        }

        private Object find(Object[] args, TruffleString.GetInternalByteArrayNode subjectBytes,
                            TruffleString.GetInternalByteArrayNode patternBytes, CompiledPattern known) {
            if (args.length >= 2 && args[0] instanceof TruffleString s && args[1] instanceof TruffleString p
                    && (args.length < 3 || args[2] == MoatNil.NIL || args[2] instanceof Long)) {
                InternalByteArray pattern = patternBytes.execute(p, MoatStrings.ENCODING);
                if ((args.length > 3 && LuaValues.isTruthy(args[3]))
                        || !LuaPatternMatcher.hasSpecials(pattern.getArray(), pattern.getOffset(), pattern.getLength())) {
                    long init = args.length < 3 || args[2] == MoatNil.NIL ? 1 : (long) (Long) args[2];
                    return PlainFind.find(this, subjectBytes.execute(s, MoatStrings.ENCODING), pattern, init);
                }
            }
            return findAux(this, args, true, known);
        }
    }

    @MoatBuiltin(name = "match", variadic = true)
    @ImportStatic({SingleClassPattern.class, CompiledPattern.class})
    @ReportPolymorphism
    public abstract static class MatchNode extends BuiltinNode {
        /** A pattern this site has seen (see FindNode), compiled once here instead of found in the context's cache per call. */
        @Specialization(guards = "isPattern(args, cachedPattern)", limit = "3", assumptions = "keep")
        protected Object matchKnownPattern(Object[] args,
                                           @Cached("patternArgument(args)") TruffleString cachedPattern,
                                           @Cached("cacheAssumption(cachedPattern)") Assumption keep,
                                           @Cached("compile(cachedPattern)") CompiledPattern compiled) {
            return findAux(this, args, false, compiled);
        }

        @Specialization
        protected Object match(Object[] args) {
            return findAux(this, args, false, null);
        }
    }

    @MoatBuiltin(name = "gmatch", variadic = true)
    public abstract static class GmatchNode extends BuiltinNode {
        @Specialization
        protected Object gmatch(Object[] args) {
            TruffleString s = checkString(arg(args, 0), 1);
            TruffleString p = checkString(arg(args, 1), 2);
            long init = startPosition(optInteger(arg(args, 2), 3, 1), MoatStrings.length(s));
            if (init > MoatStrings.length(s) + 1L) {
                init = MoatStrings.length(s) + 2L; // past the end: not even an empty match there (lstrlib's "start after string's end")
            }
            GmatchIterator state = GmatchIterator.create(context(), s, p, (int) init - 1);
            return new MoatFunction(context().getLanguage().getBuiltinTargets().target(PatternBuiltinsFactory.GmatchStepNodeFactory.getInstance(), "string"),
                    new Object[]{state}, false);
        }
    }

    /** The iterator gmatch returns: its one upvalue is its {@link GmatchIterator}. */
    @MoatBuiltin(name = "gmatch_step", variadic = true)
    public abstract static class GmatchStepNode extends BuiltinNode {
        @Specialization
        protected Object step(VirtualFrame frame, Object[] ignored) {
            GmatchIterator state = (GmatchIterator) ((MoatFunction) frame.getArguments()[0]).upvalues[0]; // made so by gmatch
            return state.next(this);
        }
    }

    @MoatBuiltin(name = "gsub", variadic = true)
    @ImportStatic({SingleClassPattern.class, CompiledPattern.class})
    @ReportPolymorphism
    public abstract static class GsubNode extends BuiltinNode {
        /**
         * A pattern this site has seen (see FindNode): when it is a single character class and the subject has
         * none of its bytes (an escaping function's usual case), the subject comes back as it is, found and
         * charged in compiled code (SingleClassPattern).
         */
        @Specialization(guards = "isPattern(args, cachedPattern)", limit = "3", assumptions = "keep")
        protected Object gsubKnownPattern(Object[] args,
                                          @Cached("patternArgument(args)") TruffleString cachedPattern,
                                          @Cached("cacheAssumption(cachedPattern)") Assumption keep,
                                          @Cached("forPattern(cachedPattern)") SingleClassPattern singleClass,
                                          @Cached("compile(cachedPattern)") CompiledPattern compiled,
                                          @Cached TruffleString.GetInternalByteArrayNode subjectBytes,
                                          @Shared @Cached("create()") InvokeNode invoke, @Shared @Cached("create()") IndexGetNode index,
                                          @Shared @Cached TruffleString.FromByteArrayNode fromBytes) {
            if (singleClass != null && (args.length == 3 || args.length == 4 && args[3] == MoatNil.NIL)
                    && args[0] instanceof TruffleString s && isReplacement(args[2])
                    && singleClass.chargeUnchangedByGsub(this, subjectBytes.execute(s, MoatStrings.ENCODING))) {
                return new Object[]{s, 0L};
            }
            return gsub(args, invoke, index, fromBytes, compiled);
        }

        @Specialization
        protected Object gsub(Object[] args, @Shared @Cached("create()") InvokeNode invoke, @Shared @Cached("create()") IndexGetNode index,
                              @Shared @Cached TruffleString.FromByteArrayNode fromBytes) {
            return gsub(args, invoke, index, fromBytes, null);
        }

        private Object gsub(Object[] args, InvokeNode invoke, IndexGetNode index, TruffleString.FromByteArrayNode fromBytes,
                            CompiledPattern known) {
            byte[] s = MoatStrings.bytesView(checkString(arg(args, 0), 1));
            byte[] p = MoatStrings.bytesView(checkString(arg(args, 1), 2));
            Object repl = arg(args, 2);
            long maxN = arg(args, 3) == MoatNil.NIL ? Long.MAX_VALUE : checkInteger(arg(args, 3), 4); // checked first, as Lua does
            if (!isReplacement(repl)) {
                throw typeError(3, "string/function/table", repl);
            }
            Object[] result = run(s, p, repl, maxN, invoke, index, known);
            // The string is made here, outside the boundary: see ByteSink#toMoatString.
            if (result[0] instanceof ByteSink large) {
                result[0] = large.toMoatString(fromBytes);
            }
            return result;
        }

        // A boundary, like find/match and the gmatch step: the matcher's step callback holds this node, which
        // partial evaluation needs as a constant (context lookup, safepoint poll); compiled in, it made the
        // compilation of gsub bail out on every attempt and gsub stayed interpreted.
        @TruffleBoundary
        private Object[] run(byte[] s, byte[] p, Object repl, long maxN, InvokeNode invoke, IndexGetNode index, CompiledPattern known) {
            boolean anchor = p.length > 0 && p[0] == '^';
            int pstart = anchor ? 1 : 0;
            LuaPatternMatcher m = matcher(this, s, p, known);
            ChargedBuffer out = new ChargedBuffer(this);
            int src = 0;
            int last = -1;
            long n = 0;
            try {
                while (n < maxN) {
                    if (!anchor) {
                        int next = m.skipToCandidate(src);
                        out.writeUncharged(s, src, next - src); // as the loop below copies unmatched bytes
                        src = next;
                    }
                    m.reset();
                    int e = m.matchAt(src, pstart);
                    if (e != -1 && e != last) {
                        n++;
                        addValue(m, src, e, repl, out, invoke, index);
                        src = last = e;
                    } else if (src < s.length) {
                        out.write(s[src++]);
                    } else {
                        break;
                    }
                    if (anchor) {
                        break;
                    }
                }
            } catch (LuaPatternMatcher.PatternError e) {
                throw patternError(this, e);
            }
            m.flush();
            out.writeUncharged(s, src, s.length - src);
            return new Object[]{out.finish().shortStringOrSelf(), n}; // a large result is made a string by the caller
        }

        @TruffleBoundary
        private void addValue(LuaPatternMatcher m, int s, int e, Object repl, ChargedBuffer out,
                              InvokeNode invoke, IndexGetNode index) {
            Object value;
            if (repl instanceof TruffleString || repl instanceof Long || repl instanceof Double) {
                byte[] r = MoatStrings.bytesView(checkString(repl, 3));
                for (int i = 0; i < r.length; i++) {
                    int run = i;
                    while (run < r.length && r[run] != '%') {
                        run++;
                    }
                    if (run > i) {
                        out.writeCharged(r, i, run - i); // literal text, copied once per match
                        i = run - 1;
                        continue;
                    }
                    i++;
                    if (i >= r.length) {
                        throw error("invalid use of '%' in replacement string");
                    }
                    byte d = r[i];
                    if (d == '%') {
                        out.writeCharged(r, i, 1);
                    } else if (d >= '0' && d <= '9') {
                        Object cap = d == '0' ? java.util.Arrays.copyOfRange(m.src, s, e) : m.capture(d - '1', s, e);
                        byte[] bytes = cap instanceof byte[] b ? b : Long.toString((Long) cap).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                        out.writeCharged(bytes, 0, bytes.length);
                    } else {
                        throw error("invalid use of '%' in replacement string");
                    }
                }
                return;
            }
            Object first = guestCapture(this, m, 0, s, e);
            if (repl instanceof MoatTable) {
                value = index.get(null, repl, MoatTable.normalizeKey(first), this, null);
            } else {
                Object[] caps = captures(this, m, s, e, true);
                value = MultiValue.first(invoke.callFromBuiltin(repl, caps));
            }
            if (!LuaValues.isTruthy(value)) {
                out.writeCharged(m.src, s, e - s);
            } else if (value instanceof TruffleString || value instanceof Long || value instanceof Double) {
                byte[] b = MoatStrings.bytesView(checkString(value, 3));
                out.writeCharged(b, 0, b.length);
            } else {
                throw error("invalid replacement value (a " + LuaValues.typeName(value) + ")");
            }
        }
    }
}
