package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The line of a source position as Lua counts lines: "\n", "\r", "\r\n" and "\n\r" are one break each
 * (as the lexer counts them, see the parser's LuaLineBreaks). Truffle's own count agrees except that
 * it takes "\n\r" for two breaks, so runtime errors and tracebacks in a file with such breaks named a line
 * below the one Lua names (and below the one a syntax error in the same file names). Line starts are
 * computed once per source text, and only kept for a text that has a "\n\r".
 */
public final class LuaLines {
    private static final int[] TRUFFLE_COUNTS_THE_SAME = new int[0];
    private static final Map<CharSequence, int[]> LINE_STARTS = Collections.synchronizedMap(new WeakHashMap<>());

    private LuaLines() {
    }

    /** The Lua line on which {@code section} starts. */
    @TruffleBoundary
    public static int startLine(SourceSection section) {
        Source source = section.getSource();
        if (!source.hasCharacters()) {
            return section.getStartLine();
        }
        return line(source.getCharacters(), section.getCharIndex(), section.getStartLine());
    }

    /**
     * The Lua line of the character at {@code charIndex} of {@code text}, the source's characters, where
     * Truffle (or the polyglot API's source section) says {@code truffleLine}.
     */
    @TruffleBoundary
    public static int line(CharSequence text, int charIndex, int truffleLine) {
        int[] starts = LINE_STARTS.computeIfAbsent(text, LuaLines::luaLineStarts);
        if (starts == TRUFFLE_COUNTS_THE_SAME) {
            return truffleLine;
        }
        int found = Arrays.binarySearch(starts, charIndex);
        return found >= 0 ? found + 1 : -found - 1; // the number of lines starting at or before the index
    }

    /** Offsets where Lua's lines start (line 1 at 0), or the marker for a text without "\n\r". */
    static int[] luaLineStarts(CharSequence text) {
        boolean paired = false;
        for (int i = 0; i + 1 < text.length() && !paired; i++) {
            paired = text.charAt(i) == '\n' && text.charAt(i + 1) == '\r';
        }
        if (!paired) {
            return TRUFFLE_COUNTS_THE_SAME;
        }
        int[] starts = new int[16];
        int count = 1; // starts[0] = 0
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if ((next == '\n' || next == '\r') && next != c) {
                    i++; // a pair is one break
                }
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }
}
