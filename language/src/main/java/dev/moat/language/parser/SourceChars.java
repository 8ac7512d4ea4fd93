package dev.moat.language.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A chunk's text as the tokens see it, indexed in Java chars (UTF-16 units), the indices of Truffle's source
 * sections: a token's start and stop are then the char range its node's source section covers. ANTLR's own
 * character streams count code points, and a node after a character outside the Basic Multilingual Plane
 * (two chars, one code point) had its section one char early per such character, so a runtime error right
 * after a line break named the line before. Only read for token text; {@link LuaScanner} scans the code points.
 */
final class SourceChars implements CharStream {
    private final String text;
    private final String name;
    private int index;

    SourceChars(String text, String name) {
        this.text = text;
        this.name = name;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(interval.b, text.length() - 1);
        return start > stop ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (index >= text.length()) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        int at = i > 0 ? index + i - 1 : index + i;
        return i == 0 || at < 0 || at >= text.length() ? IntStream.EOF : text.charAt(at);
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int index) {
        this.index = Math.min(index, text.length());
    }

    @Override
    public int size() {
        return text.length();
    }

    @Override
    public String getSourceName() {
        return name == null || name.isEmpty() ? IntStream.UNKNOWN_SOURCE_NAME : name;
    }

    @Override
    public String toString() {
        return text;
    }
}
