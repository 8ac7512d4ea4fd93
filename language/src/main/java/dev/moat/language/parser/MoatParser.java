package dev.moat.language.parser;

import com.oracle.truffle.api.source.Source;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a chunk with the generated ANTLR parser and turns every failure into a {@link MoatSyntaxError}:
 * the first bad token ({@link TokenErrors}: lexer error tokens, bad escapes, nesting too deep for the JVM stack),
 * reported when the parser reaches it, and parser errors worded as Lua's recursive-descent parser words them.
 */
public final class MoatParser {
    private MoatParser() {
    }

    /**
     * A parsed chunk and its tokens (the translator reports some errors at the token after a construct), with the
     * bytes of the short strings with escapes, which checking their escapes decoded (by token identity).
     */
    public record Parsed(LuaParser.ChunkContext chunk, List<Token> tokens, Map<Token, byte[]> decodedStrings) {
    }

    public static LuaParser.ChunkContext parse(Source source) {
        return parseWithTokens(source, ParseMeter.NONE).chunk();
    }

    public static Parsed parseWithTokens(Source source, ParseMeter meter) {
        return parseWithTokens(source, meter, true);
    }

    /** {@code sllFirst} false: full LL prediction only, the reference the two-pass parse is tested against. */
    static Parsed parseWithTokens(Source source, ParseMeter meter, boolean sllFirst) {
        String text = source.getCharacters().toString();
        LuaScanner lexer = new LuaScanner(new SourceChars(text, source.getName()), text, meter);
        CommonTokenStream tokens = new PresizedTokenStream(lexer, text.length());
        tokens.fill();
        Map<Token, byte[]> decoded = new IdentityHashMap<>();
        TokenErrors.First tokenError = TokenErrors.first(tokens.getTokens(), source.getName(), decoded);
        // the parser reads only the tokens before a token error: a syntax error there is reported first
        CommonTokenStream input = tokenError == null ? tokens : tokensBefore(tokens, tokenError.tokenIndex());
        try {
            LuaParser.ChunkContext chunk = parseChunk(input, source.getName(), tokenError, meter, sllFirst);
            if (tokenError != null) {
                throw tokenError.error(); // what came before it parsed
            }
            return new Parsed(chunk, tokens.getTokens(), decoded);
        } catch (StackOverflowError e) {
            throw new MoatSyntaxError(source.getName(), 1, 1, "chunk has too many syntax levels", null);
        }
    }

    /**
     * The chunk's tree, predicted with ANTLR's SLL mode first and with full LL only where that pass reports an
     * error. SLL decides each choice without the calling rules' context, and the first pass stops at an error
     * instead of checking the next token before every loop and optional part (bench/README.md, "Loading a
     * chunk": calc.lua parses in 0.76-0.87 ms warm against 1.61). Per ANTLR's contract for SLL it gives the
     * very tree LL gives or reports a syntax error, which may be one that only LL's context resolves. So a chunk
     * that parses does so once, and every error is the one the LL parse reports, worded as before. The tokens
     * the first pass charged to {@code meter} are not charged again.
     */
    private static LuaParser.ChunkContext parseChunk(CommonTokenStream input, String name, TokenErrors.First tokenError,
                                                     ParseMeter meter, boolean sllFirst) {
        if (!sllFirst) {
            return parseLL(input, name, tokenError, meter);
        }
        CountingMeter firstPass = new CountingMeter(meter);
        LuaParser sll = newParser(input, name, tokenError);
        sll.getInterpreter().setPredictionMode(PredictionMode.SLL);
        // Stops at the first error instead of checking, before every loop and optional part, that the next token
        // can follow (DefaultErrorStrategy.sync, a tenth of a parse): the second pass finds and words the error.
        sll.setErrorHandler(new BailErrorStrategy());
        sll.meter = firstPass;
        try {
            return sll.chunk();
        } catch (ParseCancellationException | MoatSyntaxError e) {
            input.seek(0);
            return parseLL(input, name, tokenError, firstPass.thenSkipping());
        }
    }

    /** The parse with full LL prediction and the error handling that words Lua's messages. */
    private static LuaParser.ChunkContext parseLL(CommonTokenStream input, String name, TokenErrors.First tokenError,
                                                  ParseMeter meter) {
        LuaParser ll = newParser(input, name, tokenError);
        ll.meter = meter;
        return ll.chunk();
    }

    /** Passes progress on and counts it, so that a second pass over the same tokens reports only what is new. */
    private static final class CountingMeter implements ParseMeter {
        private final ParseMeter target;
        private long reported;

        CountingMeter(ParseMeter target) {
            this.target = target;
        }

        @Override
        public void tokens(int n) {
            reported += n;
            target.tokens(n);
        }

        /**
         * A meter for the second pass: the tokens this one reported are reported as 0 (so a cancellation or a
         * timeout is still noticed as the second pass reads them again, and nothing is charged twice), then
         * progress is passed on.
         */
        ParseMeter thenSkipping() {
            long[] toSkip = {reported};
            return n -> {
                long skipped = Math.min(toSkip[0], n);
                toSkip[0] -= skipped;
                target.tokens((int) (n - skipped));
            };
        }
    }

    /** A parser of {@code tokens} whose errors are thrown as Lua words them (the first token error if it gets there). */
    static LuaParser newParser(org.antlr.v4.runtime.TokenStream tokens, String name, TokenErrors.First tokenError) {
        LuaParser parser = new LuaParser(tokens);
        parser.readChecks = new ReadChecks(parser, name, tokenError);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object offending, int line, int col, String msg, RecognitionException e) {
                Token t = offending instanceof Token tok ? tok : null;
                if (tokenError != null && (t == null || t.getTokenIndex() >= tokenError.tokenIndex())) {
                    throw tokenError.error(); // the parser reached it
                }
                MoatSyntaxError inChain = CutChains.errorInside(parser, t, name);
                if (inChain != null) {
                    // in a chain cut short: its own error, unless it reaches the end, here the token error's place
                    throw tokenError != null && inChain.atEndOfInput() ? tokenError.error() : inChain;
                }
                String near = t == null ? null : nearText(t);
                throw new MoatSyntaxError(name, t == null ? line : endLine(t), col + 1, luaMessage(parser, t), near);
            }
        });
        return parser;
    }

    /**
     * A token stream whose list starts near the size the text needs (a token per five characters or so): grown
     * from ANTLR's hundred it was copied a dozen times for a data chunk of 20 KB.
     */
    private static final class PresizedTokenStream extends CommonTokenStream {
        PresizedTokenStream(org.antlr.v4.runtime.TokenSource source, int textLength) {
            super(source);
            tokens = new java.util.ArrayList<>(Math.max(100, textLength / 5));
        }
    }

    /** The tokens before index {@code end}, then an end of input. */
    private static CommonTokenStream tokensBefore(CommonTokenStream tokens, int end) {
        ListTokenSource prefix = new ListTokenSource(tokens.getTokens().subList(0, end), tokens.getSourceName());
        CommonTokenStream stream = new CommonTokenStream(prefix);
        stream.fill(); // the error reporting looks ahead of what the parser has read
        return stream;
    }

    private static boolean endsWithReturn(org.antlr.v4.runtime.ParserRuleContext context) {
        return context instanceof LuaParser.ChunkContext chunk && chunk.block() != null && chunk.block().retstat() != null;
    }

    /** Lua's wording: "'end' expected (to close 'function' at line 3)", "<name> expected", "unexpected symbol". */
    private static String luaMessage(LuaParser parser, Token offending) {
        org.antlr.v4.runtime.misc.IntervalSet expected;
        try {
            expected = parser.getExpectedTokens();
        } catch (RuntimeException e) {
            return "unexpected symbol";
        }
        boolean atEof = offending == null || offending.getType() == Token.EOF;
        String byPosition = luaMessageAfter(parser, offending, expected);
        if (byPosition != null) {
            return byPosition;
        }
        // Lua's parser tests for a list's ',' or ';' and then requires the closing token: with those left out,
        // one expected token is the one Lua names ("x = {1 2}": '}' expected; "for i = 1, 2 3": 'do' expected).
        org.antlr.v4.runtime.misc.IntervalSet required = new org.antlr.v4.runtime.misc.IntervalSet(expected);
        required.remove(parser.getTokenType("','"));
        required.remove(parser.getTokenType("';'"));
        if (required.isNil()) {
            required = expected; // the separator itself is what is required ("for i = 1 2": ',' expected)
        }
        // after a return statement the block is over: what closes it is all Lua's parser accepts
        // (a bare 'return' reads an expression unless a block ends or a ';' comes: "return do" is "unexpected symbol")
        Token beforeOffending = offending == null ? null : previousVisible(parser, offending);
        boolean afterReturn = beforeOffending != null && !beforeOffending.getText().equals("return")
                && endsBlockWithReturn(parser.getContext(), beforeOffending);
        for (String closer : new String[]{"'end'", "'until'", "'}'", "')'", "']'"}) {
            int type = parser.getTokenType(closer);
            if (type > 0 && expected.contains(type) && (atEof || required.size() == 1 || afterReturn)) {
                if ((closer.equals("'}'") || closer.equals("')'")) && expected.contains(LuaLexer.NUMBER)) {
                    return "unexpected symbol"; // a field or an argument may start here: Lua parses its expression
                }
                if ((closer.equals("'end'") || closer.equals("'until'")) && !atEof && !afterReturn
                        && !isBlockEnd(offending.getText())) {
                    return "unexpected symbol"; // Lua's block reads a statement here, which cannot start so
                }
                String message = closer + " expected";
                Token opener = switch (closer) {
                    case "'end'", "'until'" -> opener(parser.getContext());
                    case "'}'" -> bracketOpener(parser.getContext(), "{");
                    case "')'" -> bracketOpener(parser.getContext(), "(");
                    default -> null; // ']' is only checked, not matched, by Lua's parser
                };
                if (opener != null && offending != null && opener.getLine() != offending.getLine()) {
                    message += " (to close '" + opener.getText() + "' at line " + opener.getLine() + ")";
                }
                return message;
            }
        }
        int paren = parser.getTokenType("'('");
        int brace = parser.getTokenType("'{'");
        boolean onlyArgs = !expected.isNil();
        for (int type : expected.toArray()) {
            if (type != paren && type != brace && type != LuaLexer.SHORT_STRING && type != LuaLexer.LONG_STRING) {
                onlyArgs = false;
            }
        }
        if (onlyArgs && expected.size() > 1) {
            return "function arguments expected"; // a method call's: '(', a table or a string
        }
        int dots = parser.getTokenType("'...'");
        if (expected.contains(LuaLexer.NAME) && expected.contains(dots) && !expected.contains(LuaLexer.NUMBER)) {
            return "<name> or '...' expected";
        }
        if (expected.contains(LuaLexer.NAME) && !expected.contains(LuaLexer.NUMBER)) {
            // A name or a '(' starts a primary expression (the targets of an assignment): Lua's primaryexp
            // calls anything else an "unexpected symbol".
            return expected.size() == 2 && expected.contains(paren) ? "unexpected symbol" : "<name> expected";
        }
        if (expected.size() == 1 && expected.contains(Token.EOF)) {
            Token previous = offending == null ? null : previousVisible(parser, offending);
            if (previous == null || !previous.getText().equals("return")) {
                // Lua's main block stops at a block-ending keyword or after a return statement; any
                // other token is parsed as the start of a statement and is an "unexpected symbol".
                String text = offending == null ? "" : offending.getText();
                boolean blockEnd = isBlockEnd(text);
                if (offending == null || blockEnd || endsWithReturn(parser.getContext())) {
                    return "<eof> expected";
                }
                return "unexpected symbol";
            }
        }
        if (required.size() == 1) {
            String literal = parser.getVocabulary().getLiteralName(required.getMinElement());
            if (literal != null) {
                return literal + " expected";
            }
        }
        return "unexpected symbol";
    }

    /**
     * Where the token before the offending one tells what Lua's parser was reading, which ANTLR's expected set
     * does not (it has already left the rule): a table field after '{' or a separator, a parameter after a
     * ',' in a parameter list, the '=' or 'in' after a {@code for}'s first name. Null if none applies.
     */
    private static String luaMessageAfter(LuaParser parser, Token offending, org.antlr.v4.runtime.misc.IntervalSet expected) {
        Token previous = offending == null ? null : previousVisible(parser, offending);
        if (previous == null) {
            return null;
        }
        String text = previous.getText();
        boolean separator = text.equals(",") || text.equals(";");
        if ((text.equals("{") || separator) && expected.contains(parser.getTokenType("'}'"))) {
            return "unexpected symbol"; // Lua's constructor parses a field here, an expression that cannot start
        }
        boolean inParameters = parser.getContext() instanceof LuaParser.FuncbodyContext
                || parser.getContext() instanceof LuaParser.ParlistContext;
        if (inParameters && (text.equals(",") || text.equals("(") && !offending.getText().equals(")"))) {
            return "<name> or '...' expected"; // Lua's parlist reads a parameter unless the list is empty
        }
        if (inAssignmentTargets(parser) && expected.contains(parser.getTokenType("'='")) && !separator) {
            return "'=' expected"; // Lua's restassign: after a target, a ',' or the '='
        }
        Token beforeName = previous.getType() == LuaLexer.NAME ? previousVisible(parser, previous) : null;
        if (beforeName != null && beforeName.getText().equals("for")) {
            return "'=' or 'in' expected";
        }
        return null;
    }

    /** Inside an assignment's list of targets ("a, b"), before its '='. */
    private static boolean inAssignmentTargets(LuaParser parser) {
        for (org.antlr.v4.runtime.ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            if (c instanceof LuaParser.AssignTailContext a) {
                return a.explist() == null;
            }
            if (c instanceof LuaParser.ExpContext || c instanceof LuaParser.ArgsContext) {
                return false; // inside a target's own expression (an index, a call's arguments)
            }
        }
        return false;
    }

    /**
     * What a syntax error is "near": the token as {@link #tokenText} shows it, quoted, or {@code <eof>}; null
     * (no "near" part) for a NUL byte, which Lua's lexer returns as the token 0 that its error function
     * takes for "no token".
     */
    static String nearText(Token t) {
        if (t.getType() == Token.EOF) {
            return "<eof>";
        }
        if (t.getType() == LuaLexer.BAD_CHAR && SourceText.firstByte(t.getText(), 0) == 0) {
            return null;
        }
        return "'" + tokenText(t) + "'";
    }

    /**
     * A token as Lua's luaX_token2str shows it: its text, except a character no token starts with, which Lua's
     * lexer reads as one byte: itself when printable ASCII, else "<\N>" with the byte's value.
     */
    static String tokenText(Token t) {
        if (t.getType() == LuaLexer.SHORT_STRING || t.getType() == LuaLexer.LONG_STRING) {
            return stringAsRead(t);
        }
        if (t.getType() != LuaLexer.BAD_CHAR) {
            return t.getText();
        }
        int b = SourceText.firstByte(t.getText(), 0);
        return b >= 32 && b < 127 ? String.valueOf((char) b) : "<\\" + b + ">";
    }

    /**
     * A string token as Lua's lexer keeps it in its buffer, which its "near" shows: the delimiters around the
     * contents as read (escapes decoded, a long string's first line break left out), up to a zero byte.
     */
    private static String stringAsRead(Token t) {
        String text = t.getText();
        try {
            boolean isLong = t.getType() == LuaLexer.LONG_STRING;
            byte[] contents = isLong ? LiteralDecoder.decodeLongString(text) : LiteralDecoder.decodeShortString(text);
            int open = isLong ? text.indexOf('[', 1) + 1 : 1;
            String read = text.substring(0, open) + SourceText.decode(contents) + text.substring(text.length() - open);
            int zero = read.indexOf('\0');
            return zero < 0 ? read : read.substring(0, zero);
        } catch (RuntimeException undecodable) {
            return text; // a bad escape is reported as a token error before any parser error after it
        }
    }

    /** The line where {@code t} ends, which Lua's lexer has reached when its parser reports at {@code t}. */
    static int endLine(Token t) {
        boolean multiLine = t.getType() == LuaLexer.LONG_STRING || t.getType() == LuaLexer.SHORT_STRING;
        return t.getLine() + (multiLine ? TokenErrors.lineBreaks(t.getText()) : 0);
    }

    /** A token at which Lua's block stops reading statements (its block_follow), besides the end of input. */
    private static boolean isBlockEnd(String text) {
        return text.equals("end") || text.equals("else") || text.equals("elseif") || text.equals("until");
    }

    /**
     * The block that {@code c} ends with, found down its last children (an if statement's else part's block),
     * or null when it ends with a token.
     */
    private static LuaParser.BlockContext lastBlock(org.antlr.v4.runtime.ParserRuleContext c) {
        for (org.antlr.v4.runtime.ParserRuleContext at = c; at != null; ) {
            if (at instanceof LuaParser.BlockContext b) {
                return b;
            }
            at = at.getChildCount() > 0 && at.getChild(at.getChildCount() - 1) instanceof org.antlr.v4.runtime.ParserRuleContext last
                    ? last : null;
        }
        return null;
    }

    /** Whether the block that {@code context} ends with ends with a return statement whose last token is {@code end}. */
    private static boolean endsBlockWithReturn(org.antlr.v4.runtime.ParserRuleContext context, Token end) {
        for (org.antlr.v4.runtime.ParserRuleContext c = context; c != null && end != null; c = c.getParent()) {
            LuaParser.BlockContext block = lastBlock(c);
            if (block != null) {
                return block.retstat() != null && block.retstat().stop == end;
            }
        }
        return false;
    }

    static Token previousVisible(LuaParser parser, Token t) {
        org.antlr.v4.runtime.TokenStream stream = parser.getTokenStream();
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token p = stream.get(i);
            if (p.getChannel() == Token.DEFAULT_CHANNEL) {
                return p;
            }
        }
        return null;
    }

    /**
     * The '(' or '{' that Lua's check_match names: of a call's arguments, a parenthesised expression or a table
     * constructor (a function's parameter list is closed by a plain check, so it names none).
     */
    private static Token bracketOpener(org.antlr.v4.runtime.ParserRuleContext ctx, String bracket) {
        for (org.antlr.v4.runtime.ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof LuaParser.FuncbodyContext) {
                return null;
            }
            boolean matches = bracket.equals("{") ? c instanceof LuaParser.TableconstructorContext
                    : c instanceof LuaParser.ParenArgsContext || c instanceof LuaParser.ParenPrimaryContext;
            if (matches && c.start != null && c.start.getText().equals(bracket)) {
                return c.start;
            }
        }
        return null;
    }

    private static Token opener(org.antlr.v4.runtime.ParserRuleContext ctx) {
        for (org.antlr.v4.runtime.ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c.start != null) {
                String t = c.start.getText();
                if (t.equals("function") || t.equals("do") || t.equals("if") || t.equals("while") || t.equals("for")
                        || t.equals("repeat") || t.equals("local") && c instanceof LuaParser.LocalFunctionStatContext) {
                    return t.equals("local") ? c.getChild(org.antlr.v4.runtime.tree.TerminalNode.class, 1).getSymbol() : c.start;
                }
            }
        }
        return null;
    }
}
