package dev.moat.stdlib.string;

import com.oracle.truffle.api.ArrayUtils;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.strings.InternalByteArray;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;

/**
 * A pattern that is one character class and nothing else: {@code "[^ \t\r\n]"}, {@code '["\\]'},
 * {@code "%d"}, {@code "[%c\"\\]"}, {@code "."}. Tokenisers and parsers search for one in their inner loops
 * ({@code string.find}; json.lua skips white space 3.4 million times per round) and escaping functions
 * replace one in strings that mostly contain none ({@code string.gsub}). Both are a scan for the first byte
 * in the class, which here runs in the caller's compiled code (a table load and a test per byte, or Graal's
 * vectorised {@link ArrayUtils#indexOf} for a class of up to four bytes) instead of behind the general
 * matcher's boundary, which cost ≈ 50 ns a call before its first step (a matcher with its capture arrays,
 * the context's pattern cache, the result built from captures, for gsub a buffer and a copy of the subject).
 *
 * <p>Results and charges are those of the general matcher on the same arguments (PatternBuiltins): its
 * steps for this pattern are one per byte passed over ({@link LuaPatternMatcher#skipToCandidate}) and two
 * for the match (one when the subject ends first), reported in batches of 256 steps, each charged 1 per 16
 * and the rest at least 1.
 */
final class SingleClassPattern {
    /** Steps the matcher reports at once, and what a full batch is charged. */
    private static final int BATCH = 256;
    private static final int STEPS_PER_INSTRUCTION = 16;

    /** Whether each byte is in the class. */
    @CompilationFinal(dimensions = 1) private final boolean[] inClass;
    /** The class's bytes when it has one to four of them (then the scan is ArrayUtils.indexOf), else null. */
    @CompilationFinal(dimensions = 1) private final byte[] members;
    /** What a find call with this pattern is charged before its search (PatternBuiltins.callCharge). */
    private final long callCharge;

    private SingleClassPattern(boolean[] inClass, byte[] members, int patternLength) {
        this.inClass = inClass;
        this.members = members;
        this.callCharge = PatternBuiltins.callCharge(patternLength);
    }

    /** A call's pattern argument when it is a string (what a site caches), else null. */
    static TruffleString patternArgument(Object[] args) {
        return args.length >= 2 && args[1] instanceof TruffleString t ? t : null;
    }

    /** Whether the call's pattern is {@code cached}, by identity (a literal is one string object). */
    static boolean isPattern(Object[] args, TruffleString cached) {
        return args.length >= 2 && args[1] == cached;
    }

    /**
     * The search for {@code pattern} (null: none), or null when it is anything but a single class item (a pattern without
     * special characters, such as {@code ","}, is a plain search, and PlainFind's): an anchor,
     * a capture, a quantifier, {@code %b}, {@code %f}, a back-reference, more than one item, or a malformed
     * class (left to the matcher, which raises Lua's error).
     */
    @TruffleBoundary
    static SingleClassPattern forPattern(TruffleString pattern) {
        if (pattern == null) {
            return null;
        }
        byte[] p = MoatStrings.bytesView(pattern);
        int n = p.length;
        if (n == 0 || n > CompiledPattern.MAX_LENGTH || !LuaPatternMatcher.hasSpecials(p, 0, n)) {
            return null; // no specials: a plain search (PlainFind), charged as one
        }
        byte first = p[0];
        if (first == '(' || first == ')' || first == '^' || (first == '$' && n == 1)) {
            return null;
        }
        if (first == '%' && n > 1 && (p[1] == 'b' || p[1] == 'f' || (p[1] >= '0' && p[1] <= '9'))) {
            return null;
        }
        CompiledPattern compiled = CompiledPattern.compile(p);
        if (compiled.classEnd[0] != n || compiled.leadingClass != 0 || compiled.leadingSteps != 1) {
            return null;
        }
        boolean[] in = new boolean[256];
        byte[] some = new byte[4];
        int count = 0;
        for (int c = 0; c < 256; c++) {
            if (compiled.matches(0, c)) {
                in[c] = true;
                if (count < some.length) {
                    some[count] = (byte) c;
                }
                count++;
            }
        }
        return new SingleClassPattern(in, count >= 1 && count <= some.length ? java.util.Arrays.copyOf(some, count) : null, n);
    }

    /** find(s, pattern, init) on the subject's bytes: {start, end} or nil, charged as findAux charges. */
    Object find(BuiltinNode node, InternalByteArray s, long initArgument) {
        int length = s.getLength();
        long init = PatternBuiltins.startPosition(initArgument, length);
        if (init > length + 1L) {
            return MoatNil.NIL;
        }
        node.charge(callCharge);
        int from = (int) init - 1;
        int at = indexIn(s.getArray(), s.getOffset(), length, from);
        chargeSteps(node, at < 0 ? (long) (length - from) + 1 : (long) (at - from) + 2);
        return at < 0 ? MoatNil.NIL : new Object[]{(long) at + 1, (long) at + 1};
    }

    /**
     * True if no byte of {@code s} is in the class, so gsub(s, pattern, repl) returns {@code s} and 0: then
     * charged as GsubNode.run charges that case (the scan's steps, the failed match at the end, a result
     * string of the subject's length). Charges nothing when it returns false: the general path then runs.
     */
    boolean chargeUnchangedByGsub(BuiltinNode node, InternalByteArray s) {
        int length = s.getLength();
        if (indexIn(s.getArray(), s.getOffset(), length, 0) >= 0) {
            return false;
        }
        chargeSteps(node, (long) length + 1);
        node.allocate(SizeModel.string(length));
        node.charge(1 + length / 64);
        return true;
    }

    /** Position (from the subject's start) of the first byte in the class at or after {@code from}, or -1. */
    private int indexIn(byte[] bytes, int offset, int length, int from) {
        if (members != null) {
            int found = ArrayUtils.indexOf(bytes, offset + from, offset + length, members);
            return found < 0 ? -1 : found - offset;
        }
        for (int k = from; k < length; k++) {
            if (inClass[bytes[offset + k] & 0xff]) {
                return k;
            }
        }
        return -1;
    }

    /** The matcher's charges for {@code steps} steps: full batches, then the rest (at least 1). */
    private static void chargeSteps(BuiltinNode node, long steps) {
        long batches = steps / BATCH;
        if (batches > 0) {
            for (long b = 0; b < batches; b++) {
                node.charge(BATCH / STEPS_PER_INSTRUCTION);
            }
            TruffleSafepoint.poll(node);
        }
        int rest = (int) (steps % BATCH);
        if (rest > 0) {
            node.charge(Math.max(1, rest / STEPS_PER_INSTRUCTION));
            TruffleSafepoint.poll(node);
        }
    }
}
