package dev.moat.tck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser never fails with anything but a syntax error, whatever the input: random text, random
 * Lua-token soup, and deep nesting. (Only parsing: nothing is executed.)
 */
class ParserPropertiesTest {
    private static Context context;

    @BeforeContainer
    static void setUp() {
        context = Context.newBuilder("moat").option("engine.WarnInterpreterOnly", "false").build();
    }

    @AfterContainer
    static void tearDown() {
        context.close();
    }

    private static void parseOnly(String code) {
        try {
            context.parse(Source.create("moat", code));
        } catch (PolyglotException e) {
            assertTrue(e.isSyntaxError() && !e.isInternalError(), () -> "not a clean syntax error for input: "
                    + code.substring(0, Math.min(200, code.length())) + " -> " + e);
            String m = e.getMessage();
            assertTrue(m != null && !m.contains("Exception") && !m.contains("java."), m);
        }
    }

    @Provide
    Arbitrary<String> randomText() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("local", "function", "end", "if", "then", "else", "elseif", "while", "do",
                "for", "in", "repeat", "until", "return", "break", "goto", "::", "x", "y", "(", ")", "{", "}", "[", "]",
                "=", "==", "~=", "<", "<=", "..", "...", "+", "-", "*", "/", "//", "%", "^", "#", "&", "|", "~", "<<",
                ">>", "and", "or", "not", "nil", "true", "false", "1", "0x1p4", "1e999", "'s'", "\"\\u{48}\"", "[[long]]",
                ",", ";", ":", ".", "<const>", "<close>", "--", "--[[", "]]", "\"", "'", "\\", "\n");
        return token.list().ofMaxSize(60).map(l -> String.join(" ", l));
    }

    @Property(tries = 1000)
    void randomTextGivesOnlySyntaxErrors(@ForAll("randomText") String code) {
        parseOnly(code);
    }

    @Property(tries = 1500)
    void tokenSoupGivesOnlySyntaxErrors(@ForAll("tokenSoup") String code) {
        parseOnly(code);
    }

    @Property(tries = 20)
    void deepNestingIsASyntaxErrorNotACrash(@ForAll("openers") String opener) {
        parseOnly("return " + opener.repeat(1_000_000));
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("(", "{", "[", "- ", "not ", "function() ", "do ", "if x then ", "a.", "a(", "{{", "#");
    }
}
