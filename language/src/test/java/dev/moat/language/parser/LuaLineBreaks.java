package dev.moat.language.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.atn.LexerATNSimulator;

import java.util.BitSet;

/**
 * The generated lexer's line counting made Lua's: each of "\n", "\r", "\r\n" and "\n\r" is one line break
 * (its inclinenumber), where ANTLR's lexer counts '\n' only. With it the generated lexer is the reference
 * that {@link LuaScanner}, the lexer Moat runs, is tested against (LuaScannerTest).
 */
final class LuaLineBreaks extends LexerATNSimulator {
    /** Indices of a "\r" or "\n" that ends a two-character break begun by the character before it. */
    private final BitSet secondHalves = new BitSet();

    LuaLineBreaks(LuaLexer lexer, String text) {
        super(lexer, LuaLexer._ATN, LuaLexer._decisionToDFA, LuaLexer._sharedContextCache);
        // Indices in code points, as the character stream counts them (the production lexer once counted chars
        // here, which put the pairs after a character outside the BMP one place off; LuaScannerTest found it).
        int[] points = text.codePoints().toArray();
        for (int i = 0; i < points.length - 1; i++) {
            int c = points[i];
            int next = points[i + 1];
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
