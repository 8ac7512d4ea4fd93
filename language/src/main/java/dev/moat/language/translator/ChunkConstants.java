package dev.moat.language.translator;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.parser.EscapeError;
import dev.moat.language.parser.LiteralDecoder;
import dev.moat.language.parser.LuaParser;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.runtime.MoatStrings;
import org.antlr.v4.runtime.Token;

import java.util.HashMap;
import java.util.Map;

/**
 * A chunk's string constants, interned ({@link MoatLanguage#intern}) once per chunk: its names by their text,
 * its string literals by their token's text (quotes or brackets included, so never a name). A key or a string
 * that recurs in a chunk (every record of a data chunk has the same keys) is converted, decoded and interned
 * once; interning every occurrence was a sixth of loading a data chunk.
 */
final class ChunkConstants {
    private final MoatLanguage language;
    private final Source source;
    /** Short strings with escapes that the parser decoded when it checked them (see MoatParser.Parsed). */
    private final Map<Token, byte[]> decodedStrings;
    private final Map<String, TruffleString> names = new HashMap<>();
    private final Map<String, TruffleString> strings = new HashMap<>();

    ChunkConstants(MoatLanguage language, Source source, Map<Token, byte[]> decodedStrings) {
        this.language = language;
        this.source = source;
        this.decodedStrings = decodedStrings;
    }

    /** The interned string of a name (or other text of the code that is its own content). */
    TruffleString name(String text) {
        TruffleString interned = names.get(text);
        if (interned == null) {
            interned = language.intern(MoatStrings.fromJava(text));
            names.put(text, interned);
        }
        return interned;
    }

    /** The interned string of a string token ({@code SHORT_STRING} or {@code LONG_STRING}). */
    TruffleString literal(Token t) {
        String text = t.getText();
        TruffleString interned = strings.get(text);
        if (interned == null) {
            interned = language.intern(decode(t, text));
            strings.put(text, interned);
        }
        return interned;
    }

    private TruffleString decode(Token t, String text) {
        try {
            byte[] bytes = decodedStrings.get(t);
            if (bytes == null) {
                bytes = t.getType() == LuaParser.LONG_STRING
                        ? LiteralDecoder.decodeLongString(text)
                        : LiteralDecoder.decodeShortString(text);
            }
            return MoatStrings.fromBytes(bytes);
        } catch (EscapeError ex) {
            throw new MoatSyntaxError(source.getName(), t.getLine() + ex.extraLines(), t.getCharPositionInLine() + 1,
                    ex.getMessage(), "'" + ex.near() + "'");
        } catch (MoatSyntaxError ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new MoatSyntaxError(source.getName(), t.getLine(), t.getCharPositionInLine() + 1,
                    ex.getMessage() == null ? "invalid escape sequence" : ex.getMessage(), "'" + t.getText() + "'");
        }
    }
}
