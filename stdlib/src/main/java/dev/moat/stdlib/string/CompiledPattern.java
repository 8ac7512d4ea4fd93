package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MoatStrings;

import java.util.Arrays;

/**
 * What {@link LuaPatternMatcher} would otherwise work out again at every matching step, worked out once per
 * pattern: for each position where an item starts, the end of its single-character class and the set of
 * bytes the class matches (256 bits), and the class every match must start with, if there is one, so
 * that an unanchored search can pass over start positions whose byte is not in it.
 *
 * <p>Nothing here changes what matching does or what it is charged: the positions and sets are those of
 * the matcher's own reading of the pattern, and an item the pattern gets wrong ({@code "[a"}, a trailing
 * {@code %}) and everything after it is left to the matcher, which raises Lua's error only when matching
 * reaches it, as lua5.4 does. Compiling is linear in the pattern's length (a set is built word by word,
 * never byte by byte), so it costs no more than one pass of the matcher over the pattern.
 */
final class CompiledPattern {
    /** Longer patterns are matched from their bytes alone. */
    static final int MAX_LENGTH = 128;

    /** Per position where an item starts: the end of its class, as LuaPatternMatcher.classEnd; -1 elsewhere. */
    final int[] classEnd;
    /** Per position, four words: bit {@code c} is set when byte {@code c} matches the class that starts there. */
    final long[] classBits;
    /** Where the class is that every match from position 0 starts with, or -1 when a match may start otherwise. */
    final int leadingClass;
    /** Matching steps a start position costs whose byte is not in the leading class: 1 + leading parentheses. */
    final int leadingSteps;
    /**
     * Where the pattern's one item is when the pattern (after an anchor) is a single class repeated by
     * {@code +} or {@code *} and nothing else ({@code "%a+"}, {@code "[^,]*"}, {@code "^%s+"}): such a match
     * is the longest run of the class, found without the matcher's recursion (LuaPatternMatcher.matchAt);
     * else -1.
     */
    final int runItem;

    private CompiledPattern(int[] classEnd, long[] classBits, int leadingClass, int leadingSteps, int runItem) {
        this.classEnd = classEnd;
        this.classBits = classBits;
        this.leadingClass = leadingClass;
        this.leadingSteps = leadingSteps;
        this.runItem = runItem;
    }

    /** See {@link #runItem}: the item after an optional '^', if it is a recorded class, then '+' or '*', then the end. */
    private static int runItem(byte[] pat, int[] ends) {
        int n = pat.length;
        int item = n > 0 && pat[0] == '^' ? 1 : 0;
        if (item >= n || ends[item] < 0) {
            return -1;
        }
        int ep = ends[item];
        return ep + 1 == n && (pat[ep] == '+' || pat[ep] == '*') ? item : -1;
    }

    /**
     * {@code pattern} compiled for a call site that caches it (see PatternBuiltins.FindNode), or null for a
     * pattern too long to compile or for no string.
     */
    @TruffleBoundary
    static CompiledPattern compile(TruffleString pattern) {
        if (pattern == null || MoatStrings.length(pattern) > MAX_LENGTH) {
            return null;
        }
        return compile(MoatStrings.bytesView(pattern));
    }

    boolean matches(int p, int c) {
        return (classBits[(p << 2) | (c >>> 6)] & (1L << c)) != 0;
    }

    /**
     * Walks the items the way the matcher advances through them (each item has one successor, whatever
     * the subject), recording each class. Stops at the first item the matcher would reject.
     */
    static CompiledPattern compile(byte[] pat) {
        int n = pat.length;
        int[] ends = new int[n];
        Arrays.fill(ends, -1);
        long[] bits = new long[n << 2];
        int leading = -1;
        int parens = 0;
        boolean atStart = true;
        int p = 0;
        while (p < n) {
            byte b = pat[p];
            if (b == '(') {
                p += p + 1 < n && pat[p + 1] == ')' ? 2 : 1;
                if (atStart) {
                    parens++;
                }
                continue;
            }
            if (b == ')' || (b == '$' && p + 1 == n)) {
                atStart = false;
                if (b == '$') {
                    break;
                }
                p++;
                continue;
            }
            if (b == '%' && p + 1 < n) {
                byte next = pat[p + 1];
                if (next == 'b') {
                    if (p + 3 >= n) {
                        break; // "missing arguments to '%b'" when reached
                    }
                    atStart = false;
                    p += 4;
                    continue;
                }
                if (next == 'f') {
                    int q = p + 2;
                    int ep = q < n && pat[q] == '[' ? LuaPatternMatcher.classEndOrError(pat, q) : -1;
                    if (ep < 0) {
                        break;
                    }
                    record(pat, q, ep, ends, bits);
                    atStart = false;
                    p = ep;
                    continue;
                }
                if (next >= '0' && next <= '9') {
                    atStart = false;
                    p += 2;
                    continue;
                }
            }
            int ep = LuaPatternMatcher.classEndOrError(pat, p);
            if (ep < 0) {
                break;
            }
            record(pat, p, ep, ends, bits);
            byte q = ep < n ? pat[ep] : 0;
            boolean quantified = q == '*' || q == '?' || q == '-' || q == '+';
            if (atStart && q != '*' && q != '?' && q != '-' && parens < LuaPatternMatcher.MAX_CAPTURES) {
                leading = p;
            }
            atStart = false;
            p = quantified ? ep + 1 : ep;
        }
        return new CompiledPattern(ends, bits, leading, 1 + parens, runItem(pat, ends));
    }

    /** The class at {@code p} (ending at {@code ep}) into {@code bits}, as the matcher's singleMatch reads it. */
    private static void record(byte[] pat, int p, int ep, int[] ends, long[] bits) {
        ends[p] = ep;
        int at = p << 2;
        switch (pat[p]) {
            case '.' -> Arrays.fill(bits, at, at + 4, -1L);
            case '%' -> orClass(bits, at, pat[p + 1] & 0xff);
            case '[' -> bracket(pat, p, ep - 1, bits, at);
            default -> setBit(bits, at, pat[p] & 0xff);
        }
    }

    /** Mirrors LuaPatternMatcher.matchBracketClass: p at '[', ec at the closing ']'. */
    private static void bracket(byte[] pat, int p, int ec, long[] bits, int at) {
        boolean complement = false;
        if (pat[p + 1] == '^') {
            complement = true;
            p++;
        }
        while (++p < ec) {
            if (pat[p] == '%') {
                p++;
                orClass(bits, at, pat[p] & 0xff);
            } else if (p + 2 < ec && pat[p + 1] == '-') {
                setRange(bits, at, pat[p] & 0xff, pat[p + 2] & 0xff);
                p += 2;
            } else {
                setBit(bits, at, pat[p] & 0xff);
            }
        }
        if (complement) {
            for (int w = 0; w < 4; w++) {
                bits[at + w] = ~bits[at + w];
            }
        }
    }

    private static void setBit(long[] bits, int at, int c) {
        bits[at + (c >>> 6)] |= 1L << c;
    }

    /** Bytes lo..hi (none when lo > hi), a word at a time. */
    private static void setRange(long[] bits, int at, int lo, int hi) {
        for (int w = lo >>> 6; w <= (hi >>> 6) && lo <= hi; w++) {
            int from = Math.max(lo, w << 6) & 63;
            int to = Math.min(hi, (w << 6) + 63) & 63;
            long mask = (-1L >>> (63 - to)) & (-1L << from);
            bits[at + w] |= mask;
        }
    }

    private static void orClass(long[] bits, int at, int cl) {
        long[] classes = ClassSets.SETS;
        for (int w = 0; w < 4; w++) {
            bits[at + w] |= classes[(cl << 2) | w];
        }
    }

    /** For each byte {@code cl} after a '%', the set LuaPatternMatcher.matchClass gives it (%a, %D, %., ...). */
    private static final class ClassSets {
        static final long[] SETS = new long[256 << 2];

        static {
            for (int cl = 0; cl < 256; cl++) {
                for (int c = 0; c < 256; c++) {
                    if (LuaPatternMatcher.matchClass(c, cl)) {
                        SETS[(cl << 2) | (c >>> 6)] |= 1L << c;
                    }
                }
            }
        }
    }

    /** A context's compiled patterns. */
    static final class Cache {
        private final ContentCache<CompiledPattern> patterns = new ContentCache<>(MAX_LENGTH, CompiledPattern::compile);

        CompiledPattern get(byte[] pat) {
            return patterns.get(pat);
        }
    }
}
