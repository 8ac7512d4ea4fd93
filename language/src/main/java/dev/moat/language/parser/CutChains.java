package dev.moat.language.parser;

import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Lua's error inside a suffix chain ({@code f(a.}, {@code g(x)[}) that ANTLR's prediction cut short. Lua's
 * parser reads a chain greedily: after an operand, a '(' , '{' or '[' always continues it. ANTLR predicts
 * whether the chain goes on, and when every way fails (the input ends inside the arguments) it takes the way
 * that ended the chain before the bracket and reports the bracket: "<eof> expected near '('" for
 * {@code return f(a.}, "'}' expected near '('" for {@code t = {f(a.}, where Lua says "<name> expected near <eof>".
 * The chain's tokens, to the end of the input, are parsed again on their own, as a chunk (where no way of
 * reading them stops before the bracket), and the error there is Lua's if it is inside the bracket, or at the
 * end of the input for a chain that runs to it; so the REPL reads another line for {@code t = {f(} and
 * {@code print(f(}, as lua.c's does.
 */
final class CutChains {
    private CutChains() {
    }

    /** Lua's error for a chain cut short at {@code offending}, or null when that is not what happened. */
    static MoatSyntaxError errorInside(LuaParser parser, Token reported, String name) {
        if (reported == null) {
            return null;
        }
        TokenStream stream = parser.getTokenStream();
        // at the end of the input, the error is inside the innermost bracket left open, if any
        Token offending = reported.getType() == Token.EOF ? innermostOpen(stream, reported.getTokenIndex()) : reported;
        if (offending == null || !isChainOpener(offending.getText())) {
            return null;
        }
        int start = chainStart(stream, offending.getTokenIndex());
        if (start <= 0 || !isPrimaryExpression(parser, stream.get(start))) {
            return null; // not a chain, or the input is the chain (this is the parse of it on its own)
        }
        int closer = matchingCloser(stream, offending.getTokenIndex());
        boolean toTheEnd = runsToTheEnd(stream, offending);
        List<Token> chain = new ArrayList<>();
        for (int i = start; ; i++) {
            Token t = stream.get(i);
            chain.add(new CommonToken(t)); // copies: a token stream numbers the tokens it holds
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(chain, name));
        tokens.fill(); // the error reporting looks ahead of what the parser has read
        LuaParser again = MoatParser.newParser(tokens, name, null);
        try {
            again.chunk();
        } catch (MoatSyntaxError e) {
            // Lua's error if it is inside the bracket (its closer included: a ']' that closes a '(') or, for a
            // chain that runs to the end, at the end of the input
            boolean inBracket = e.isBetween(offending, closer >= 0 ? stream.get(closer) : null); // unclosed: to the end
            return inBracket || toTheEnd && e.atEndOfInput() ? e : null;
        } catch (StackOverflowError e) {
            return null;
        }
        return null;
    }

    /**
     * Whether the chain Lua would read from {@code opener} on runs into the end of the input: an argument list,
     * index or table left open, or a trailing ".", ":" or bracket. Then every token from the chain's start to
     * the end is the chain's, and so is the error at the end.
     */
    static boolean runsToTheEnd(TokenStream stream, Token opener) {
        if (!isChainOpener(opener.getText()) || chainStart(stream, opener.getTokenIndex()) < 0) {
            return false;
        }
        int i = opener.getTokenIndex();
        while (true) {
            Token t = stream.get(i);
            if (t.getType() == Token.EOF) {
                return true;
            }
            String text = t.getText();
            if (isChainOpener(text)) {
                int closer = matchingCloser(stream, i);
                if (closer < 0) {
                    return true;
                }
                i = nextVisible(stream, closer);
            } else if (text.equals(".") || text.equals(":")) {
                int nameAt = nextVisible(stream, i);
                if (stream.get(nameAt).getType() != LuaLexer.NAME) {
                    return stream.get(nameAt).getType() == Token.EOF;
                }
                i = nextVisible(stream, nameAt);
            } else if (t.getType() == LuaLexer.SHORT_STRING || t.getType() == LuaLexer.LONG_STRING) {
                i = nextVisible(stream, i);
            } else {
                return false; // the chain ends before the input does
            }
        }
    }

    private static int matchingCloser(TokenStream stream, int opener) {
        int depth = 0;
        for (int i = opener; ; i++) {
            Token t = stream.get(i);
            if (t.getType() == Token.EOF) {
                return -1;
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                depth += NestingGuard.levelChange(t.getType());
                if (depth == 0) {
                    return i;
                }
            }
        }
    }

    private static int nextVisible(TokenStream stream, int index) {
        for (int i = index + 1; ; i++) {
            Token t = stream.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL || t.getType() == Token.EOF) {
                return i;
            }
        }
    }

    /**
     * Whether the parser read {@code first} as the start of a primary expression (a name or a parenthesised
     * expression), not as a declared name (a function's, a local's, a parameter) that a '(' cannot follow.
     */
    private static boolean isPrimaryExpression(LuaParser parser, Token first) {
        // The rule contexts being parsed, innermost first, and what each has read. (A left-recursive rule's
        // context joins its parent's children only when it ends, so the tree is searched from each of them.)
        org.antlr.v4.runtime.tree.ParseTree searched = null;
        for (org.antlr.v4.runtime.ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
            java.util.ArrayDeque<org.antlr.v4.runtime.tree.ParseTree> pending = new java.util.ArrayDeque<>();
            pending.push(c);
            while (!pending.isEmpty()) {
                org.antlr.v4.runtime.tree.ParseTree node = pending.pop();
                if (node instanceof org.antlr.v4.runtime.tree.TerminalNode leaf) {
                    if (leaf.getSymbol().getTokenIndex() == first.getTokenIndex()) {
                        return leaf.getParent() instanceof LuaParser.NamePrimaryContext
                                || leaf.getParent() instanceof LuaParser.ParenPrimaryContext;
                    }
                    continue;
                }
                for (int i = node.getChildCount() - 1; i >= 0; i--) {
                    if (node.getChild(i) != searched) {
                        pending.push(node.getChild(i));
                    }
                }
            }
            searched = c;
        }
        return false;
    }

    /** The last bracket before {@code end} that is not closed before it, or null. */
    private static Token innermostOpen(TokenStream stream, int end) {
        int depth = 0;
        for (int i = end - 1; i >= 0; i--) {
            Token t = stream.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            depth += NestingGuard.levelChange(t.getType());
            if (depth > 0) {
                return t;
            }
        }
        return null;
    }

    /** A token that Lua's suffixedexp would read as the next suffix of a chain. */
    static boolean continuesChain(Token t) {
        String text = t.getText();
        return isChainOpener(text) || text.equals(".") || text.equals(":")
                || t.getType() == LuaLexer.SHORT_STRING || t.getType() == LuaLexer.LONG_STRING;
    }

    private static boolean isChainOpener(String text) {
        return text.equals("(") || text.equals("{") || text.equals("[");
    }

    /**
     * Where the chain that the token at {@code opener} would continue starts: back over its suffixes (bracketed
     * groups, ".name", ":name", string arguments) to its name or parenthesised expression; -1 if the token
     * before the opener does not end an operand.
     */
    private static int chainStart(TokenStream stream, int opener) {
        int i = previousVisible(stream, opener);
        if (i < 0 || !NestingGuard.endsOperand(stream.get(i).getType())) {
            return -1;
        }
        while (i >= 0) {
            Token t = stream.get(i);
            int start = i;
            if (t.getText().equals(")") || t.getText().equals("]") || t.getText().equals("}")) {
                start = matchingOpener(stream, i);
                if (start < 0) {
                    return -1;
                }
            } else if (t.getType() != LuaLexer.NAME && t.getType() != LuaLexer.SHORT_STRING
                    && t.getType() != LuaLexer.LONG_STRING) {
                return -1; // a literal or keyword: not a chain Lua would continue
            }
            String first = stream.get(start).getText();
            if (t.getType() != LuaLexer.NAME && !first.equals("(") && !isArgument(stream, start)) {
                return -1; // a string, a table or a '[' that no operand precedes: a literal, not a chain
            }
            int before = previousVisible(stream, start);
            Token b = before < 0 ? null : stream.get(before);
            if (b != null && (b.getText().equals(".") || b.getText().equals(":"))) {
                i = previousVisible(stream, before); // ".name" / ":name": the chain goes on before it
                continue;
            }
            boolean suffix = !stream.get(start).getText().equals("(") || isArgumentList(stream, start);
            if (t.getType() != LuaLexer.NAME && b != null && NestingGuard.endsOperand(b.getType()) && suffix) {
                i = before; // an argument list, an index or a string argument of what comes before
                continue;
            }
            return start; // a name or a parenthesised expression: the chain's primary expression
        }
        return -1;
    }

    /** Whether the token at {@code i} follows an operand (a suffix of a chain). */
    private static boolean isArgument(TokenStream stream, int i) {
        int before = previousVisible(stream, i);
        return before >= 0 && NestingGuard.endsOperand(stream.get(before).getType());
    }

    /** Whether the '(' at {@code i} follows an operand (a call's arguments, not a parenthesised expression). */
    private static boolean isArgumentList(TokenStream stream, int i) {
        int before = previousVisible(stream, i);
        return before >= 0 && NestingGuard.endsOperand(stream.get(before).getType());
    }

    private static int matchingOpener(TokenStream stream, int closer) {
        int depth = 0;
        for (int i = closer; i >= 0; i--) {
            Token t = stream.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            depth -= NestingGuard.levelChange(t.getType());
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int previousVisible(TokenStream stream, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (stream.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return i;
            }
        }
        return -1;
    }
}
