package dev.moat.language.parser;

import com.oracle.truffle.api.source.Source;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/** TEMPORARY placeholder (replaced by branch 'parser'). */
public final class MoatParser {
    private MoatParser() {
    }

    /**
     * Rejects nesting deeper than {@code limit} before parsing, so no input can drive the recursive-descent
     * parser (or the translator) into a StackOverflowError: brackets, blocks and unary-operator chains.
     */
    static void checkNesting(CommonTokenStream tokens, String name, int limit) {
        int depth = 0;
        int unaryRun = 0;
        Token previous = null;
        for (Token t : tokens.getTokens()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            String text = t.getText();
            switch (text) {
                case "(", "[", "{", "function", "do", "if", "repeat" -> depth++;
                case ")", "]", "}", "end", "until" -> depth--;
                default -> {
                }
            }
            boolean unary = (text.equals("-") || text.equals("not") || text.equals("#") || text.equals("~"))
                    && (previous == null || isOperatorOrOpen(previous));
            unaryRun = unary ? unaryRun + 1 : 0;
            if (depth > limit || unaryRun > limit) {
                throw new MoatSyntaxError(name, t.getLine(), t.getCharPositionInLine() + 1, "chunk has too many syntax levels",
                        "'" + text + "'");
            }
            previous = t;
        }
    }

    private static boolean isOperatorOrOpen(Token t) {
        String p = t.getText();
        return t.getType() != LuaLexer.NAME && t.getType() != LuaLexer.NUMBER && t.getType() != LuaLexer.SHORT_STRING
                && t.getType() != LuaLexer.LONG_STRING && !p.equals(")") && !p.equals("]") && !p.equals("}")
                && !p.equals("end") && !p.equals("nil") && !p.equals("true") && !p.equals("false") && !p.equals("...");
    }

    public static LuaParser.ChunkContext parse(Source source) {
        String text = source.getCharacters().toString();
        if (text.startsWith("#")) {
            int nl = text.indexOf('\n');
            text = " ".repeat(nl < 0 ? text.length() : nl) + (nl < 0 ? "" : text.substring(nl));
        }
        LuaLexer lexer = new LuaLexer(CharStreams.fromString(text, source.getName()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkNesting(tokens, source.getName(), 200);
        LuaParser parser = new LuaParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
                String near = offending instanceof Token t ? (t.getType() == Token.EOF ? "<eof>" : "'" + t.getText() + "'") : null;
                throw new MoatSyntaxError(source.getName(), line, col + 1, "syntax error", near);
            }
        });
        try {
            return parser.chunk();
        } catch (StackOverflowError e) {
            throw new MoatSyntaxError(source.getName(), 1, 1, "chunk has too many syntax levels", null);
        }
    }
}
