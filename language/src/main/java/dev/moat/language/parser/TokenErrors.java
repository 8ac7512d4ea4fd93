package dev.moat.language.parser;

import org.antlr.v4.runtime.Token;

import java.util.List;
import java.util.Map;

/**
 * The errors Lua's lexer finds as it reads a token, found here in the token list before parsing: error tokens
 * (unfinished strings and long brackets, malformed numerals, bad long delimiters), a bad escape in a string,
 * and nesting deeper than the parser's limit. Lua reads tokens as its parser asks for them, so such an error
 * is reported only if the parser gets that far: {@link MoatParser} parses the tokens before it and lets an
 * earlier syntax error win, as lua5.4's would.
 */
final class TokenErrors {
    /** The nesting the parser takes: brackets, blocks and unary operators (see {@link NestingGuard}). */
    static final int NESTING_LIMIT = 200;

    /** The first token that is an error, and the error to report when the parser reaches it. */
    record First(int tokenIndex, MoatSyntaxError error) {
    }

    private TokenErrors() {
    }

    /** The first token error in source order, or null when every token reads. */
    static First first(List<Token> tokens, String name, Map<Token, byte[]> decoded) {
        Token tooDeep = NestingGuard.firstTooDeep(tokens, NESTING_LIMIT);
        int limit = tooDeep == null ? tokens.size() : tooDeep.getTokenIndex();
        for (int i = 0; i < limit; i++) {
            Token t = tokens.get(i);
            MoatSyntaxError error = t.getType() == LuaLexer.SHORT_STRING ? badEscape(t, name, decoded) : lexicalError(t, name);
            if (error != null) {
                return new First(i, error);
            }
        }
        if (tooDeep == null) {
            return null;
        }
        return new First(limit, new MoatSyntaxError(name, tooDeep.getLine(), tooDeep.getCharPositionInLine() + 1,
                "chunk has too many syntax levels", "'" + tooDeep.getText() + "'"));
    }

    /**
     * A complete short string whose escape Lua's lexer would reject as it reads it, or null; a string with escapes
     * that decodes goes into {@code decoded}, so that the translator does not decode it again.
     */
    private static MoatSyntaxError badEscape(Token t, String name, Map<Token, byte[]> decoded) {
        String text = t.getText();
        if (t instanceof org.antlr.v4.runtime.CommonToken held) {
            held.setText(text); // kept, so that the translator reads this string rather than cutting another
        }
        if (text.indexOf('\\') < 0) {
            return null;
        }
        try {
            decoded.put(t, LiteralDecoder.decodeShortString(text));
            return null;
        } catch (EscapeError e) {
            return escapeError(t, name, e);
        }
    }

    /** Line breaks as Lua's lexer counts them: "\n", "\r", "\r\n" and "\n\r" are one each. */
    static int lineBreaks(String text) {
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines++;
                if (i + 1 < text.length() && text.charAt(i + 1) != c
                        && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                    i++;
                }
            }
        }
        return lines;
    }

    private static MoatSyntaxError escapeError(Token t, String name, EscapeError e) {
        return new MoatSyntaxError(name, t.getLine() + e.extraLines(), t.getCharPositionInLine() + 1, e.getMessage(),
                "'" + e.near() + "'");
    }

    private static MoatSyntaxError lexicalError(Token t, String name) {
        String message;
        String near = null; // the token's text, quoted, unless a case says otherwise: only for an error token
        int line = t.getLine();
        switch (t.getType()) {
            case LuaLexer.UNFINISHED_STRING -> {
                // Lua's lexer decodes escapes as it reads, so a bad one before the end is the error.
                LiteralDecoder.Unfinished read;
                try {
                    read = LiteralDecoder.readUnfinishedString(t.getText());
                } catch (EscapeError e) {
                    return escapeError(t, name, e);
                }
                message = "unfinished string";
                line = t.getLine() + read.lines(); // where the lexer stopped, after any escaped line breaks
                // the input ends with the string, or with a '\\' after it (an escape the end of the input cuts)
                int after = t.getStopIndex() + 1;
                int size = t.getInputStream().size();
                boolean atEnd = after >= size || after == size - 1
                        && t.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(after, after)).equals("\\");
                near = atEnd ? "<eof>" : "'" + read.text() + "'";
            }
            case LuaLexer.UNFINISHED_LONG -> {
                message = "unfinished long string (starting at line " + t.getLine() + ")";
                line += lineBreaks(t.getText()); // Lua reports the line it read to
                near = "<eof>";
            }
            case LuaLexer.UNFINISHED_LONG_COMMENT -> {
                message = "unfinished long comment (starting at line " + t.getLine() + ")";
                line += lineBreaks(t.getText());
                near = "<eof>";
            }
            case LuaLexer.MALFORMED_NUMBER -> message = "malformed number";
            case LuaLexer.BAD_LONG_DELIMITER -> message = "invalid long string delimiter";
            default -> {
                return null;
            }
        }
        if (near == null) {
            near = "'" + t.getText() + "'"; // not before: getText copies the text out of the input, for every token
        }
        if (near.length() > 60) {
            near = near.substring(0, 57) + "...'";
        }
        return new MoatSyntaxError(name, line, t.getCharPositionInLine() + 1, message, near);
    }
}
