package dev.moat.language.parser;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

import java.util.HashMap;
import java.util.Map;

/**
 * The lexer the parser reads from: the tokens of Lua.g4's lexer rules (their types, text, positions and
 * channels), scanned by hand. ANTLR's generated lexer simulates its DFA a character at a time and was a
 * fifth of loading a chunk; this reads the characters directly. The generated {@link LuaLexer} still
 * defines the token types, and is the reference this scanner is tested against, token for token
 * (LuaScannerTest). One deliberate difference: the grammar's placeholder rules UNFINISHED_LONG and
 * UNFINISHED_LONG_COMMENT (types that its actions set) also match the characters NUL NUL 1 and NUL NUL 2;
 * here those are bad characters, as Lua reads them.
 *
 * <p>Rules as the grammar states them, longest match first and the earlier rule on a tie: keywords and
 * operators (the grammar's literals), NAME, NUMBER, MALFORMED_NUMBER, SHORT_STRING, UNFINISHED_STRING,
 * LONG_STRING, BAD_LONG_DELIMITER, COMMENT (hidden), white space (skipped), BAD_CHAR (any one character).
 * Lines are counted as Lua counts them: "\n", "\r", "\r\n" and "\n\r" are one break each. A token's start and
 * stop are indices in Java chars (see {@link SourceChars}: they become source sections), its column counts
 * characters (code points), and a BAD_CHAR is one code point, as in the grammar.
 */
public final class LuaScanner implements TokenSource {
    private static final int EOF = -1;
    /** Literal tokens of the grammar by their text ("break", "..."), from the generated vocabulary. */
    private static final Map<String, Integer> LITERALS = literals();

    private final CharStream input;
    private final Pair<TokenSource, CharStream> source;
    private final char[] text;
    private final int length;
    private final ParseMeter meter;
    private int unmetered;
    private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;

    /** The next char to read. */
    private int index;
    private int line = 1;
    private int column;
    /** The index after the last "\r" or "\n" consumed, and that character: a pair of two different ones is one break. */
    private int breakEnd = -1;
    private int breakChar;

    /** Scans {@code text}, whose chars {@code input} holds (a SourceChars, or any stream indexed in chars). */
    public LuaScanner(CharStream input, String text, ParseMeter meter) {
        this.input = input;
        this.source = new Pair<>(this, input);
        this.text = text.toCharArray(); // read a char at a time: an array is cheaper to index than a String
        this.length = this.text.length;
        this.meter = meter;
    }

    private static Map<String, Integer> literals() {
        Map<String, Integer> map = new HashMap<>();
        for (int type = 1; type <= LuaLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = LuaLexer.VOCABULARY.getLiteralName(type);
            if (literal != null) {
                map.put(literal.substring(1, literal.length() - 1), type);
            }
        }
        return map;
    }

    @Override
    public Token nextToken() {
        if (++unmetered == ParseMeter.BATCH) {
            unmetered = 0;
            meter.tokens(ParseMeter.BATCH);
        }
        skipWhiteSpace();
        int start = index;
        int startLine = line;
        int startColumn = column;
        if (index >= length) {
            return token(Token.EOF, Token.DEFAULT_CHANNEL, start, startLine, startColumn);
        }
        int channel = Token.DEFAULT_CHANNEL;
        int type = scan();
        if (type == LuaLexer.COMMENT || type == LuaLexer.UNFINISHED_LONG_COMMENT) {
            channel = Token.HIDDEN_CHANNEL;
        }
        return token(type, channel, start, startLine, startColumn);
    }

    private Token token(int type, int channel, int start, int startLine, int startColumn) {
        String text = tokenText;
        tokenText = null;
        return factory.create(source, type, text, channel, start, index - 1, startLine, startColumn);
    }

    private int peek(int ahead) {
        return at(index + ahead);
    }

    private int at(int i) {
        return i < length ? text[i] : EOF;
    }

    /** Consumes one character (a surrogate pair is one), counting lines as Lua does. */
    private void consume() {
        char c = text[index++];
        if (c == '\n' || c == '\r') {
            if (breakEnd == index - 1 && breakChar != c) {
                breakEnd = -1; // the second half of "\r\n" or "\n\r": the same break
            } else {
                line++;
                breakEnd = index;
                breakChar = c;
            }
            column = 0;
            return;
        }
        if (Character.isHighSurrogate(c) && index < length && Character.isLowSurrogate(text[index])) {
            index++;
        }
        column++;
    }

    /** Consumes the chars up to {@code end}. */
    private void consumeTo(int end) {
        while (index < end) {
            consume();
        }
    }

    /** Consumes {@code count} chars known to be ASCII and no line break (a name, a numeral, an operator). */
    private void advance(int count) {
        index += count;
        column += count;
    }

    private static boolean isWhiteSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
    }

    private void skipWhiteSpace() {
        while (index < length && isWhiteSpace(text[index])) {
            consume();
        }
    }

    /** Scans the token at the current index (not white space, not the end) and returns its type. */
    private int scan() {
        int c = text[index];
        if (isNameStart(c)) {
            return name();
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            return number();
        }
        switch (c) {
            case '"', '\'' -> {
                return shortString(c);
            }
            case '[' -> {
                return bracket();
            }
            case '-' -> {
                if (peek(1) == '-') {
                    advance(2);
                    return comment();
                }
            }
            default -> {
            }
        }
        return operator();
    }

    private static boolean isNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private int name() {
        int start = index;
        int end = index + 1;
        while (end < length && (isNameStart(text[end]) || isDigit(text[end]))) {
            end++;
        }
        advance(end - start);
        int keyword = keyword(start, end - start);
        if (keyword > 0) {
            return keyword;
        }
        tokenText = names.of(text, start, end - start);
        return LuaLexer.NAME;
    }

    /** The chunk's names so far, one String each (see {@link ScannedNames}). */
    private final ScannedNames names = new ScannedNames();
    /** The text of the token being made, when the scanner has it already (a name). */
    private String tokenText;

    /**
     * The grammar's keywords (its literals that are names) by length, each with its token type, so that a name is
     * compared with a few of them at most.
     */
    private static final char[][][] KEYWORDS = new char[9][][];
    private static final int[][] KEYWORD_TYPES = new int[9][];

    static {
        for (int n = 0; n < KEYWORDS.length; n++) {
            final int len = n;
            String[] ofLength = LITERALS.keySet().stream()
                    .filter(k -> k.length() == len && isNameStart(k.charAt(0))).sorted().toArray(String[]::new);
            KEYWORDS[n] = new char[ofLength.length][];
            KEYWORD_TYPES[n] = new int[ofLength.length];
            for (int i = 0; i < ofLength.length; i++) {
                KEYWORDS[n][i] = ofLength[i].toCharArray();
                KEYWORD_TYPES[n][i] = type(ofLength[i]);
            }
        }
    }

    /** The token type of a literal of the grammar. */
    private static int type(String literal) {
        Integer type = LITERALS.get(literal);
        if (type == null) {
            throw new IllegalStateException("the grammar has no literal '" + literal + "'");
        }
        return type;
    }

    /** The type of the keyword {@code text[start, start + n)} is, or 0. */
    private int keyword(int start, int n) {
        if (n < 2 || n >= KEYWORDS.length) {
            return 0;
        }
        char[][] candidates = KEYWORDS[n];
        for (int k = 0; k < candidates.length; k++) {
            if (java.util.Arrays.equals(text, start, start + n, candidates[k], 0, n)) {
                return KEYWORD_TYPES[n][k];
            }
        }
        return 0;
    }

    /** The longest operator (a literal of the grammar) at the index, else one bad character. */
    private int operator() {
        int c = text[index];
        int next = peek(1);
        int type = switch (c) {
            case '.' -> next != '.' ? DOT : peek(2) == '.' ? DOTS : CONCAT;
            case ':' -> next == ':' ? DOUBLE_COLON : COLON;
            case '=' -> next == '=' ? EQ : ASSIGN;
            case '<' -> next == '<' ? SHL : next == '=' ? LE : LT;
            case '>' -> next == '>' ? SHR : next == '=' ? GE : GT;
            case '~' -> next == '=' ? NE : TILDE;
            case '/' -> next == '/' ? IDIV : SLASH;
            default -> c < SINGLE.length ? SINGLE[c] : 0;
        };
        if (type == 0) {
            consume();
            return LuaLexer.BAD_CHAR;
        }
        advance(LITERAL_LENGTH[type]);
        return type;
    }

    private static final int DOT = type(".");
    private static final int CONCAT = type("..");
    private static final int DOTS = type("...");
    private static final int COLON = type(":");
    private static final int DOUBLE_COLON = type("::");
    private static final int ASSIGN = type("=");
    private static final int EQ = type("==");
    private static final int LT = type("<");
    private static final int LE = type("<=");
    private static final int SHL = type("<<");
    private static final int GT = type(">");
    private static final int GE = type(">=");
    private static final int SHR = type(">>");
    private static final int TILDE = type("~");
    private static final int NE = type("~=");
    private static final int SLASH = type("/");
    private static final int IDIV = type("//");
    private static final int OPEN_BRACKET = type("[");
    /** The length of each literal of the grammar by its token type. */
    private static final int[] LITERAL_LENGTH = new int[LuaLexer.VOCABULARY.getMaxTokenType() + 1];

    static {
        LITERALS.forEach((literal, type) -> LITERAL_LENGTH[type] = literal.length());
    }

    /** One-character operators by their character (0: none). */
    private static final int[] SINGLE = new int[128];

    static {
        for (char c : ";,^#-*%+&|()]{}".toCharArray()) {
            SINGLE[c] = type(String.valueOf(c));
        }
    }

    // ---------------------------------------------------------------- numbers

    /** NUMBER or MALFORMED_NUMBER, whichever matches more characters (NUMBER on a tie, as the grammar orders them). */
    private int number() {
        int number = numberLength();
        int malformed = malformedLength();
        if (malformed > number) {
            advance(malformed);
            return LuaLexer.MALFORMED_NUMBER;
        }
        advance(number);
        return LuaLexer.NUMBER;
    }

    /** Characters of the longest NUMBER at the index (0 if none). */
    private int numberLength() {
        int start = index;
        int best = 0;
        if (at(start) == '0' && (at(start + 1) == 'x' || at(start + 1) == 'X')) {
            int i = start + 2;
            int digits = hexRun(i);
            if (digits > 0) { // '0x' HEX_DIGITS ('.' HEX_DIGIT*)? HEX_EXPONENT?
                i += digits;
                if (at(i) == '.') {
                    i++;
                    i += hexRun(i);
                }
                i += exponentLength(i, 'p', 'P');
                best = i - start;
            } else if (at(i) == '.' && hexRun(i + 1) > 0) { // '0x' '.' HEX_DIGITS HEX_EXPONENT?
                i += 1 + hexRun(i + 1);
                i += exponentLength(i, 'p', 'P');
                best = i - start;
            }
        }
        int i = start;
        if (isDigit(at(i))) { // DIGIT+ ('.' DIGIT*)? EXPONENT?
            while (isDigit(at(i))) {
                i++;
            }
            if (at(i) == '.') {
                i++;
                while (isDigit(at(i))) {
                    i++;
                }
            }
        } else { // '.' DIGIT+ EXPONENT?
            i++;
            while (isDigit(at(i))) {
                i++;
            }
        }
        i += exponentLength(i, 'e', 'E');
        return Math.max(best, i - start);
    }

    private int hexRun(int i) {
        int n = 0;
        while (isHexDigit(at(i + n))) {
            n++;
        }
        return n;
    }

    /** Characters of an exponent ([eE] or [pP], a sign, digits) at {@code i}; 0 if there is no complete one. */
    private int exponentLength(int i, char lower, char upper) {
        int c = at(i);
        if (c != lower && c != upper) {
            return 0;
        }
        int j = i + 1;
        if (at(j) == '+' || at(j) == '-') {
            j++;
        }
        if (!isDigit(at(j))) {
            return 0;
        }
        while (isDigit(at(j))) {
            j++;
        }
        return j - i;
    }

    /**
     * Characters of the longest MALFORMED_NUMBER at the index: what Lua's read_numeral takes (hex digits, dots,
     * exponent marks with their sign), then one more letter if one touches them.
     */
    private int malformedLength() {
        int start = index;
        boolean hex = at(start) == '0' && (at(start + 1) == 'x' || at(start + 1) == 'X');
        int i = hex ? start + 2 : start + 1; // '0x', or a digit, or '.' (then a digit, consumed by the loop)
        while (true) {
            int c = at(i);
            boolean mark = hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E');
            if (mark) {
                i++;
                if (at(i) == '+' || at(i) == '-') {
                    i++;
                }
            } else if (isHexDigit(c) || c == '.') {
                i++;
            } else {
                break;
            }
        }
        int c = at(i);
        boolean letter = (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z') || c == '_'; // a hex 'p' is in the loop
        return i - start + (letter ? 1 : 0);
    }

    // ---------------------------------------------------------------- strings and comments

    /** SHORT_STRING if the quote is closed on its line, else UNFINISHED_STRING up to where it stops. */
    private int shortString(int quote) {
        int i = index + 1;
        while (true) {
            int c = at(i);
            if (c == EOF || c == '\r' || c == '\n') {
                break;
            }
            if (c == quote) {
                consumeTo(i + 1);
                return LuaLexer.SHORT_STRING;
            }
            if (c == '\\') {
                int next = at(i + 1);
                if (next == EOF) {
                    break; // no escape: the string stops before the backslash
                }
                int after = at(i + 2);
                if ((next == '\r' && after == '\n') || (next == '\n' && after == '\r')) {
                    i += 3;
                } else if (next == 'z') {
                    i += 2;
                    while (isWhiteSpace(at(i))) {
                        i++;
                    }
                } else {
                    i += 2;
                }
                continue;
            }
            i++;
        }
        consumeTo(i);
        return LuaLexer.UNFINISHED_STRING;
    }

    /** LONG_STRING (or UNFINISHED_LONG), BAD_LONG_DELIMITER ('[' and '=' signs only) or the '[' operator. */
    private int bracket() {
        int level = 0;
        while (at(index + 1 + level) == '=') {
            level++;
        }
        if (at(index + 1 + level) == '[') {
            advance(level + 2);
            return finishLongBracket(level) ? LuaLexer.LONG_STRING : LuaLexer.UNFINISHED_LONG;
        }
        if (level > 0) {
            advance(level + 1);
            return LuaLexer.BAD_LONG_DELIMITER;
        }
        advance(1);
        return OPEN_BRACKET;
    }

    /** Consumes up to and including the closing bracket of {@code level}; false if the text ends first. */
    private boolean finishLongBracket(int level) {
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                return false;
            }
            consume();
            if (c == ']') {
                int eq = 0;
                while (peek(0) == '=') {
                    consume();
                    eq++;
                }
                if (eq == level && peek(0) == ']') {
                    consume();
                    return true;
                }
            }
        }
    }

    /** After "--": a long comment if a long bracket opens here, otherwise a line comment. */
    private int comment() {
        if (peek(0) == '[') {
            int i = 1;
            while (peek(i) == '=') {
                i++;
            }
            if (peek(i) == '[') {
                advance(i + 1);
                return finishLongBracket(i - 1) ? LuaLexer.COMMENT : LuaLexer.UNFINISHED_LONG_COMMENT;
            }
        }
        while (true) {
            int c = peek(0);
            if (c == EOF || c == '\n' || c == '\r') {
                return LuaLexer.COMMENT;
            }
            consume();
        }
    }

    // ---------------------------------------------------------------- TokenSource

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return input.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        this.factory = factory;
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return factory;
    }
}
