package dev.moat.language.parser;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.List;

/**
 * The checks Lua's parser makes on what it has just read, made at the same point so that their errors come
 * before any error later in the input, as in lua5.4 (the translator makes them again on a whole tree):
 * an expression statement is a call or an assignment ("syntax error" at the token after it), an assignment's
 * targets are variables ("syntax error" at the ',' or '=' after one), and '...' is used only in a vararg
 * function.
 */
final class ReadChecks implements LuaParser.ReadChecks {
    private final LuaParser parser;
    private final String name;
    private final TokenErrors.First tokenError;

    ReadChecks(LuaParser parser, String name, TokenErrors.First tokenError) {
        this.parser = parser;
        this.name = name;
        this.tokenError = tokenError;
    }

    /** Lua's exprstat: followed by ',' or '=' it is an assignment's first target, else it must be a call. */
    @Override
    public void expression(LuaParser.SuffixedexpContext first) {
        Token next = parser.getCurrentToken();
        String text = next.getText();
        boolean assignment = next.getType() != Token.EOF && (text.equals("=") || text.equals(","));
        if (assignment ? isVariable(first) : endsWithCall(first)) {
            return;
        }
        if (!assignment && CutChains.continuesChain(next)) {
            return; // ANTLR ended the chain before a bracket Lua reads on: the error is further on
        }
        fail(next, "syntax error");
    }

    /** Lua's restassign: each further target of an assignment is a variable. */
    @Override
    public void target(LuaParser.SuffixedexpContext target) {
        if (!isVariable(target)) {
            fail(parser.getCurrentToken(), "syntax error");
        }
    }

    @Override
    public void vararg(ParserRuleContext vararg) {
        for (ParserRuleContext c = vararg.getParent(); c != null; c = c.getParent()) {
            if (c instanceof LuaParser.FuncbodyContext body) {
                LuaParser.ParlistContext parameters = body.parlist();
                if (parameters == null || !parameters.getText().endsWith("...")) {
                    fail(vararg.start, "cannot use '...' outside a vararg function");
                }
                return;
            }
        }
        // the main chunk is a vararg function
    }

    private void fail(Token at, String message) {
        if (tokenError != null && at.getTokenIndex() >= tokenError.tokenIndex()) {
            throw tokenError.error(); // Lua's lexer read it before the check was made
        }
        String near = MoatParser.nearText(at);
        throw new MoatSyntaxError(name, MoatParser.endLine(at), at.getCharPositionInLine() + 1, message, near);
    }

    /** A name or an index or field of something: what an assignment can store into. */
    private static boolean isVariable(LuaParser.SuffixedexpContext e) {
        List<LuaParser.SuffixContext> suffixes = e.suffix();
        if (suffixes.isEmpty()) {
            return e.primaryexp() instanceof LuaParser.NamePrimaryContext;
        }
        LuaParser.SuffixContext last = suffixes.get(suffixes.size() - 1);
        return last instanceof LuaParser.IndexSuffixContext || last instanceof LuaParser.FieldSuffixContext;
    }

    private static boolean endsWithCall(LuaParser.SuffixedexpContext e) {
        List<LuaParser.SuffixContext> suffixes = e.suffix();
        LuaParser.SuffixContext last = suffixes.isEmpty() ? null : suffixes.get(suffixes.size() - 1);
        return last instanceof LuaParser.CallSuffixContext || last instanceof LuaParser.MethodSuffixContext;
    }
}
