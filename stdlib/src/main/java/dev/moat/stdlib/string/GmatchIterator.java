package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.MultiValue;
import dev.moat.language.runtime.MoatStrings;

/**
 * One {@code string.gmatch} iterator: its subject and pattern, where the next search starts and where the
 * last match ended (an empty match right there is skipped, as Lua 5.4 does).
 *
 * <p>Everything a step can reuse is made once per iterator, not per step: the subject's and pattern's
 * bytes, the compiled pattern and the matcher with its capture arrays (a step is one search and nothing
 * else runs during it, so the matcher is never in use twice): made per step, they were a quarter of a
 * word-splitting loop's step. The matcher is made at the first step, so its charges name the step's node.
 */
final class GmatchIterator {
    private final byte[] subject;
    private final byte[] pattern;
    private final CompiledPattern compiled;
    private LuaPatternMatcher matcher;
    /** Where the next search starts (0-based); past the subject's end once the iterator is exhausted. */
    private int position;
    /** Where the last match ended, or -1. */
    private int lastEnd = -1;

    private GmatchIterator(byte[] subject, byte[] pattern, CompiledPattern compiled, int position) {
        this.subject = subject;
        this.pattern = pattern;
        this.compiled = compiled;
        this.position = position;
    }

    /** An iterator over {@code s} from 0-based {@code position}, its pattern compiled once here. */
    @TruffleBoundary
    static GmatchIterator create(MoatContext context, TruffleString s, TruffleString p, int position) {
        byte[] pattern = MoatStrings.bytesView(p);
        return new GmatchIterator(MoatStrings.bytesView(s), pattern, PatternBuiltins.compiledPattern(context, pattern), position);
    }

    /** The next match's captures (the whole match when there are none), or no values at all once exhausted. */
    @TruffleBoundary
    Object next(BuiltinNode node) {
        LuaPatternMatcher m = matcher;
        if (m == null) {
            m = PatternBuiltins.matcher(node, subject, pattern, compiled);
            matcher = m;
        }
        try {
            for (int from = position; from <= subject.length; from++) {
                from = m.skipToCandidate(from);
                m.reset();
                int e = m.matchAt(from, 0);
                if (e != -1 && e != lastEnd) {
                    position = e;
                    lastEnd = e;
                    m.flush();
                    return MultiValue.of(PatternBuiltins.captures(node, m, from, e, true));
                }
            }
        } catch (LuaPatternMatcher.PatternError e) {
            throw PatternBuiltins.patternError(node, e);
        }
        m.flush();
        position = subject.length + 1;
        return MultiValue.EMPTY;
    }
}
