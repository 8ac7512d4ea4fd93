package dev.moat.language.parser;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;

import java.util.List;

/**
 * Finds nesting deeper than a limit before parsing ({@link TokenErrors} reports it), so no input can drive the recursive-descent parser (or
 * the translator) into a StackOverflowError: brackets, blocks and unary-operator chains. It looks at token
 * types only, read from tables built once from the grammar's literal names: a chunk of a million tokens is
 * checked without making a string per token.
 */
final class NestingGuard {
    /** Per token type: +1 for a token that opens a level, -1 for one that closes it, 0 otherwise. */
    private static final byte[] LEVEL_CHANGE;
    /** Per token type: an operator that is unary where an operand is due. */
    private static final boolean[] MAYBE_UNARY;
    /** Per token type: a token an operand may end with (so a '-' after it is binary). */
    private static final boolean[] ENDS_OPERAND;

    static {
        Vocabulary vocabulary = LuaLexer.VOCABULARY;
        int size = vocabulary.getMaxTokenType() + 1;
        LEVEL_CHANGE = new byte[size];
        MAYBE_UNARY = new boolean[size];
        ENDS_OPERAND = new boolean[size];
        for (int type = 1; type < size; type++) {
            String literal = vocabulary.getLiteralName(type);
            String text = literal == null ? "" : literal.substring(1, literal.length() - 1);
            LEVEL_CHANGE[type] = switch (text) {
                case "(", "[", "{", "function", "do", "if", "repeat" -> (byte) 1;
                case ")", "]", "}", "end", "until" -> (byte) -1;
                default -> (byte) 0;
            };
            MAYBE_UNARY[type] = switch (text) {
                case "-", "not", "#", "~" -> true;
                default -> false;
            };
            ENDS_OPERAND[type] = switch (text) {
                case ")", "]", "}", "end", "nil", "true", "false", "..." -> true;
                default -> false;
            };
        }
        for (int operand : new int[]{LuaLexer.NAME, LuaLexer.NUMBER, LuaLexer.SHORT_STRING, LuaLexer.LONG_STRING}) {
            ENDS_OPERAND[operand] = true;
        }
    }

    private NestingGuard() {
    }

    /** +1 for a token that opens a level, -1 for one that closes it, 0 otherwise. */
    static int levelChange(int type) {
        return type > 0 && type < LEVEL_CHANGE.length ? LEVEL_CHANGE[type] : 0;
    }

    /** Whether an operand may end with a token of this type (a name, a literal, a closing bracket, ...). */
    static boolean endsOperand(int type) {
        return type > 0 && type < ENDS_OPERAND.length && ENDS_OPERAND[type];
    }

    /** The first token nested deeper than {@code limit}, or null. */
    static Token firstTooDeep(List<Token> tokens, int limit) {
        int depth = 0;
        int unaryRun = 0;
        int previousType = -1;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            boolean known = type > 0 && type < LEVEL_CHANGE.length;
            if (known) {
                depth += LEVEL_CHANGE[type];
            }
            boolean unary = known && MAYBE_UNARY[type] && (previousType < 0 || !ENDS_OPERAND[previousType]);
            unaryRun = unary ? unaryRun + 1 : 0;
            if (depth > limit || unaryRun > limit) {
                return t;
            }
            previousType = known ? type : 0;
        }
        return null;
    }
}
