package dev.moat.language.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.atn.LexerATNSimulator;

import java.util.BitSet;

/**
 * The lexer's line counting as Lua's: each of "\n", "\r", "\r\n" and "\n\r" is one line break (its
 * inclinenumber), where ANTLR's lexer counts '\n' only, so a file with "\r" line ends was all line 1.
 * Error positions and the lines Lua code sees (error messages, tracebacks) come from these counts.
 */
final class LuaLineBreaks extends LexerATNSimulator {
    /** Indices of a "\r" or "\n" that ends a two-character break begun by the character before it. */
    private final BitSet secondHalves = new BitSet();

    LuaLineBreaks(LuaLexer lexer, String text) {
        super(lexer, LuaLexer._ATN, LuaLexer._decisionToDFA, LuaLexer._sharedContextCache);
        // A two-character break needs a "\r": most sources have none, and this scan then costs one search.
        for (int i = text.indexOf('\r') < 0 ? text.length() : 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            if ((c == '\n' || c == '\r') && (next == '\n' || next == '\r') && next != c) {
                secondHalves.set(i + 1);
                i++; // a pair is one break; the character after it starts afresh
            }
        }
    }

    @Override
    public void consume(CharStream input) {
        int c = input.LA(1);
        if (c != '\n' && c != '\r') {
            super.consume(input);
            return;
        }
        if (!secondHalves.get(input.index())) {
            line++;
        }
        charPositionInLine = 0;
        input.consume();
    }
}
