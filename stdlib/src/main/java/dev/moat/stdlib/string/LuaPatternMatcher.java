package dev.moat.stdlib.string;

/**
 * Lua 5.4's pattern matcher over byte strings: character classes, sets, the quantifiers {@code * + - ?},
 * anchors, captures (including position captures), back-references, {@code %b} and {@code %f}.
 * Written from the Lua reference manual's description; error messages follow Lua 5.4.
 *
 * <p>Every matching step is counted and reported to a {@link Meter} in batches, so a catastrophic
 * pattern is stopped by the instruction budget or the timeout (SECURITY.md D2). Backtracking recursion
 * is bounded like Lua's MAXCCALLS ("pattern too complex"); single-character repetitions iterate.
 */
final class LuaPatternMatcher {
    /** Receives matching work (in steps) so it can be charged and the deadline polled. */
    interface Meter {
        void steps(int n);
    }

    static final int MAX_CAPTURES = 32;
    static final int CAP_UNFINISHED = -1;
    static final int CAP_POSITION = -2;
    private static final int MAX_RECURSION = 200;
    private static final int METER_BATCH = 256;

    final byte[] src;
    final byte[] pat;
    /** The pattern's classes worked out in advance, or null (a long pattern): then they are read from pat. */
    private final CompiledPattern compiled;
    int level;
    final int[] captureStart = new int[MAX_CAPTURES];
    final int[] captureLen = new int[MAX_CAPTURES];
    private int depth;
    private int pendingSteps;
    private final Meter meter;

    LuaPatternMatcher(byte[] src, byte[] pat, CompiledPattern compiled, Meter meter) {
        this.src = src;
        this.pat = pat;
        this.compiled = compiled;
        this.meter = meter;
    }

    static final class PatternError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PatternError(String message) {
            super(message, null, false, false);
        }
    }

    void reset() {
        level = 0;
        depth = 0;
    }

    /** Reports remaining steps to the meter. */
    void flush() {
        if (pendingSteps > 0) {
            meter.steps(pendingSteps);
            pendingSteps = 0;
        }
    }

    private void step() {
        if (++pendingSteps >= METER_BATCH) {
            flush();
        }
    }

    /**
     * The first start position from {@code s} on where a match from pattern position 0 could begin: positions
     * whose byte is not in the pattern's leading class are passed over, and charged the steps that
     * {@link #match} would have taken to reject each of them, in the same batches. The subject's end is
     * never passed over (a pattern may match there). Only for unanchored searches that start at position 0.
     */
    int skipToCandidate(int s) {
        if (compiled == null || compiled.leadingClass < 0) {
            return s;
        }
        // The scan is most of the time of a pattern that matches rarely (digits among words): one set, read
        // from locals. matchAt has the same loop with the test the other way round, kept apart on purpose:
        // how C2 compiles such a loop depends on its branch profile, which the start-up cache replays (see the
        // scanning pattern in interpreter/src/main/startup/training.lua), and a shared loop would mix a scan
        // that stops at once with one that runs far.
        byte[] bytes = src;
        int end = bytes.length;
        long[] bits = compiled.classBits;
        int at = compiled.leadingClass << 2;
        int k = s;
        while (k < end) {
            int c = bytes[k] & 0xff;
            if ((bits[at | (c >>> 6)] & (1L << c)) != 0) {
                break;
            }
            k++;
        }
        addSteps((long) (k - s) * compiled.leadingSteps);
        return k;
    }

    /** {@code n} steps at once, reported in the batches that as many calls of {@link #step} would report. */
    private void addSteps(long n) {
        long total = pendingSteps + n;
        while (total >= METER_BATCH) {
            pendingSteps = METER_BATCH;
            flush();
            total -= METER_BATCH;
        }
        pendingSteps = (int) total;
    }

    /**
     * {@link #match}{@code (s, p)}, where the pattern from {@code p} on is one class repeated ({@link
     * CompiledPattern#runItem}) found as the longest run of the class at {@code s}, with the steps and the
     * result the matcher's recursion gives: for {@code +} a run of n &gt; 0 bytes costs n + 1 steps and none 1
     * step and no match; for {@code *} n + 2 steps, an empty match 2.
     */
    int matchAt(int s, int p) {
        if (compiled == null || p != compiled.runItem) {
            return match(s, p);
        }
        byte[] bytes = src;
        int end = bytes.length;
        long[] bits = compiled.classBits;
        int at = p << 2;
        int k = s;
        while (k < end) {
            int c = bytes[k] & 0xff;
            if ((bits[at | (c >>> 6)] & (1L << c)) == 0) {
                break;
            }
            k++;
        }
        int run = k - s;
        boolean plus = pat[compiled.classEnd[p]] == '+';
        if (run == 0) {
            addSteps(plus ? 1 : 2);
            return plus ? -1 : s;
        }
        addSteps(plus ? run + 1L : run + 2L);
        return k;
    }

    /** Work proportional to {@code bytes} in one step (a back-reference comparison), 1 step per 8 bytes. */
    private void work(int bytes) {
        pendingSteps += 1 + (bytes >> 3);
        if (pendingSteps >= METER_BATCH) {
            flush();
        }
    }

    private int classEnd(int p) {
        int ep = compiled != null ? compiled.classEnd[p] : -1;
        if (ep >= 0) {
            return ep;
        }
        ep = classEndOrError(pat, p);
        if (ep == MISSING_BRACKET) {
            throw new PatternError("malformed pattern (missing ']')");
        } else if (ep < 0) {
            throw new PatternError("malformed pattern (ends with '%')");
        }
        return ep;
    }

    private static final int ENDS_WITH_PERCENT = -1;
    private static final int MISSING_BRACKET = -2;

    /** The end of the single-character class at {@code p}, or a negative code for a malformed one. */
    static int classEndOrError(byte[] pat, int p) {
        if (p >= pat.length) {
            return ENDS_WITH_PERCENT;
        }
        byte c = pat[p++];
        if (c == '%') {
            if (p >= pat.length) {
                return ENDS_WITH_PERCENT;
            }
            return p + 1;
        }
        if (c == '[') {
            if (p < pat.length && pat[p] == '^') {
                p++;
            }
            do {
                if (p >= pat.length) {
                    return MISSING_BRACKET;
                }
                byte cc = pat[p++];
                if (cc == '%') {
                    if (p >= pat.length) {
                        return MISSING_BRACKET;
                    }
                    p++;
                }
            } while (p >= pat.length || pat[p] != ']');
            return p + 1;
        }
        return p;
    }

    static boolean matchClass(int c, int cl) {
        boolean res;
        switch (cl | 0x20) {
            case 'a' -> res = isAlpha(c);
            case 'c' -> res = c < 32 || c == 127;
            case 'd' -> res = c >= '0' && c <= '9';
            case 'g' -> res = c > 32 && c < 127;
            case 'l' -> res = c >= 'a' && c <= 'z';
            case 'p' -> res = isPunct(c);
            case 's' -> res = c == ' ' || (c >= 9 && c <= 13);
            case 'u' -> res = c >= 'A' && c <= 'Z';
            case 'w' -> res = isAlpha(c) || (c >= '0' && c <= '9');
            case 'x' -> res = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
            case 'z' -> res = c == 0; // deprecated in the manual but still accepted by Lua 5.4
            default -> {
                return cl == c;
            }
        }
        if (cl >= 'A' && cl <= 'Z') {
            return !res;
        }
        return res;
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isPunct(int c) {
        return c > 32 && c < 127 && !isAlpha(c) && !(c >= '0' && c <= '9');
    }

    /** p is at '[', ec at the closing ']'. */
    private boolean matchBracketClass(int c, int p, int ec) {
        boolean sig = true;
        if (pat[p + 1] == '^') {
            sig = false;
            p++;
        }
        while (++p < ec) {
            if (pat[p] == '%') {
                p++;
                if (matchClass(c, pat[p] & 0xff)) {
                    return sig;
                }
            } else if (p + 2 < ec && pat[p + 1] == '-') {
                if ((pat[p] & 0xff) <= c && c <= (pat[p + 2] & 0xff)) {
                    return sig;
                }
                p += 2;
            } else if ((pat[p] & 0xff) == c) {
                return sig;
            }
        }
        return !sig;
    }

    private boolean singleMatch(int s, int p, int ep) {
        if (s >= src.length) {
            return false;
        }
        int c = src[s] & 0xff;
        if (compiled != null && compiled.classEnd[p] >= 0) {
            return compiled.matches(p, c);
        }
        switch (pat[p]) {
            case '.':
                return true;
            case '%':
                return matchClass(c, pat[p + 1] & 0xff);
            case '[':
                return matchBracketClass(c, p, ep - 1);
            default:
                return (pat[p] & 0xff) == c;
        }
    }

    /** Tries to match the pattern from {@code p} at subject position {@code s}; returns the end or -1. */
    int match(int s, int p) {
        if (++depth > MAX_RECURSION) {
            throw new PatternError("pattern too complex");
        }
        try {
            while (true) {
                step();
                if (p == pat.length) {
                    return s;
                }
                switch (pat[p]) {
                    case '(':
                        if (p + 1 < pat.length && pat[p + 1] == ')') {
                            return startCapture(s, p + 2, CAP_POSITION);
                        }
                        return startCapture(s, p + 1, CAP_UNFINISHED);
                    case ')':
                        return endCapture(s, p + 1);
                    case '$':
                        if (p + 1 == pat.length) {
                            return s == src.length ? s : -1;
                        }
                        break;
                    case '%':
                        if (p + 1 < pat.length) {
                            byte next = pat[p + 1];
                            if (next == 'b') {
                                s = matchBalance(s, p + 2);
                                if (s == -1) {
                                    return -1;
                                }
                                p += 4;
                                continue;
                            } else if (next == 'f') {
                                p += 2;
                                if (p >= pat.length || pat[p] != '[') {
                                    throw new PatternError("missing '[' after '%f' in pattern");
                                }
                                int ep = classEnd(p);
                                int prev = s == 0 ? 0 : src[s - 1] & 0xff;
                                int cur = s < src.length ? src[s] & 0xff : 0;
                                if (!matchBracketClass(prev, p, ep - 1) && matchBracketClass(cur, p, ep - 1)) {
                                    p = ep;
                                    continue;
                                }
                                return -1;
                            } else if (next >= '0' && next <= '9') {
                                s = matchCapture(s, next - '0');
                                if (s == -1) {
                                    return -1;
                                }
                                p += 2;
                                continue;
                            }
                        }
                        break;
                    default:
                        break;
                }
                int ep = classEnd(p);
                byte q = ep < pat.length ? pat[ep] : 0;
                if (!singleMatch(s, p, ep)) {
                    if (q == '*' || q == '?' || q == '-') {
                        p = ep + 1;
                        continue;
                    }
                    return -1;
                }
                switch (q) {
                    case '?': {
                        int res = match(s + 1, ep + 1);
                        if (res != -1) {
                            return res;
                        }
                        p = ep + 1;
                        continue;
                    }
                    case '+':
                        return maxExpand(s + 1, p, ep);
                    case '*':
                        return maxExpand(s, p, ep);
                    case '-':
                        return minExpand(s, p, ep);
                    default:
                        s++;
                        p = ep;
                }
            }
        } finally {
            depth--;
        }
    }

    private int maxExpand(int s, int p, int ep) {
        int i = 0;
        while (singleMatch(s + i, p, ep)) {
            step();
            i++;
        }
        while (i >= 0) {
            int res = match(s + i, ep + 1);
            if (res != -1) {
                return res;
            }
            i--;
        }
        return -1;
    }

    private int minExpand(int s, int p, int ep) {
        while (true) {
            int res = match(s, ep + 1);
            if (res != -1) {
                return res;
            }
            if (singleMatch(s, p, ep)) {
                s++;
            } else {
                return -1;
            }
        }
    }

    private int startCapture(int s, int p, int what) {
        if (level >= MAX_CAPTURES) {
            throw new PatternError("too many captures");
        }
        captureStart[level] = s;
        captureLen[level] = what;
        level++;
        int res = match(s, p);
        if (res == -1) {
            level--;
        }
        return res;
    }

    private int endCapture(int s, int p) {
        int l = captureToClose();
        captureLen[l] = s - captureStart[l];
        int res = match(s, p);
        if (res == -1) {
            captureLen[l] = CAP_UNFINISHED;
        }
        return res;
    }

    private int captureToClose() {
        for (int l = level - 1; l >= 0; l--) {
            if (captureLen[l] == CAP_UNFINISHED) {
                return l;
            }
        }
        throw new PatternError("invalid pattern capture");
    }

    private int matchBalance(int s, int p) {
        if (p + 1 >= pat.length) {
            throw new PatternError("malformed pattern (missing arguments to '%b')");
        }
        if (s >= src.length || src[s] != pat[p]) {
            return -1;
        }
        byte b = pat[p];
        byte e = pat[p + 1];
        int cont = 1;
        while (++s < src.length) {
            step();
            if (src[s] == e) {
                if (--cont == 0) {
                    return s + 1;
                }
            } else if (src[s] == b) {
                cont++;
            }
        }
        return -1;
    }

    private int matchCapture(int s, int l) {
        l -= 1;
        if (l < 0 || l >= level || captureLen[l] == CAP_UNFINISHED) {
            throw new PatternError("invalid capture index %" + (l + 1));
        }
        int len = captureLen[l];
        if (len == CAP_POSITION) {
            return -1; // Lua compares against the position capture's length taken as a huge unsigned: never a match
        }
        if (src.length - s >= len) {
            work(len);
            for (int i = 0; i < len; i++) {
                if (src[captureStart[l] + i] != src[s + i]) {
                    return -1;
                }
            }
            return s + len;
        }
        return -1;
    }

    /** Number of values a successful match produces (captures, or 1 for the whole match). */
    int captureCount(boolean wholeIfNone) {
        return level == 0 && wholeIfNone ? 1 : level;
    }

    /** Capture i as byte[] or Long (position), or the whole match [s, e) when there are no captures. */
    Object capture(int i, int s, int e) {
        int len = captureLength(i, s, e);
        int from = captureBegin(i, s);
        if (len == CAP_POSITION) {
            return (long) from + 1;
        }
        return java.util.Arrays.copyOfRange(src, from, from + len);
    }

    /**
     * The length of capture i (of the whole match [s, e) when there are none), or {@link #CAP_POSITION} for a
     * position capture; Lua's error for an index past the captures or an unfinished one.
     */
    int captureLength(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) {
                return e - s;
            }
            throw new PatternError("invalid capture index %" + (i + 1));
        }
        int len = captureLen[i];
        if (len == CAP_UNFINISHED) {
            throw new PatternError("unfinished capture");
        }
        return len;
    }

    /** Where capture i starts in the subject (the whole match's start {@code s} when there are no captures). */
    int captureBegin(int i, int s) {
        return i >= level ? s : captureStart[i];
    }

    /** True if {@code length} pattern bytes from {@code offset} hold one of Lua's special characters (else find searches plainly). */
    static boolean hasSpecials(byte[] pat, int offset, int length) {
        for (int i = 0; i < length; i++) {
            switch (pat[offset + i]) {
                case '^', '$', '*', '+', '?', '.', '(', '[', '%', '-' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }
}
