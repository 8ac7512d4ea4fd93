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

    public static LuaParser.ChunkContext parse(Source source) {
        String text = source.getCharacters().toString();
        if (text.startsWith("#")) {
            int nl = text.indexOf('\n');
            text = " ".repeat(nl < 0 ? text.length() : nl) + (nl < 0 ? "" : text.substring(nl));
        }
        LuaLexer lexer = new LuaLexer(CharStreams.fromString(text, source.getName()));
        lexer.removeErrorListeners();
        LuaParser parser = new LuaParser(new CommonTokenStream(lexer));
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
