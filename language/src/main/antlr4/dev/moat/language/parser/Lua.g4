/*
 * Lua 5.4 grammar for Moat. Generated into dev.moat.language.parser at build time (never checked in).
 *
 * Shape notes for the translator (nodes.* are built from these contexts):
 *  - Statements that start with an expression are one rule (ExprStat): a suffixed expression, optionally
 *    followed by an assignment tail. Whether a bare expression is a call, and whether assignment targets
 *    are assignable, is checked by the translator, exactly as Lua's own parser does. This keeps ANTLR's
 *    prediction at one token of lookahead (no long LL fallback on hostile input).
 *  - Operator precedence follows the Lua 5.4 manual, highest first: ^ (right), unary, * / // %, + -,
 *    .. (right), << >>, &, ~, |, comparisons, and, or.
 *  - Long strings and long comments match their bracket level in lexer actions.
 */
grammar Lua;

// Every context's children in a list sized for the few children most rules have (see MoatRuleContext).
options { contextSuperClass = MoatRuleContext; }

@lexer::members {
    /** Told about every ParseMeter.BATCH tokens, so lexing can be charged and cancelled. */
    public ParseMeter meter = ParseMeter.NONE;
    private int unmetered;

    @Override
    public org.antlr.v4.runtime.Token nextToken() {
        if (++unmetered == ParseMeter.BATCH) {
            unmetered = 0;
            meter.tokens(ParseMeter.BATCH);
        }
        return super.nextToken();
    }

    /** Consumes the rest of a long bracket whose opening ("[==[" ) is the current token text's tail. */
    private void finishLongBracket(int level) {
        while (true) {
            int c = _input.LA(1);
            if (c == org.antlr.v4.runtime.IntStream.EOF) {
                setType(UNFINISHED_LONG);
                return;
            }
            getInterpreter().consume(_input);
            if (c == ']') {
                int eq = 0;
                while (_input.LA(1) == '=') {
                    getInterpreter().consume(_input);
                    eq++;
                }
                if (eq == level && _input.LA(1) == ']') {
                    getInterpreter().consume(_input);
                    return;
                }
            }
        }
    }

    private int openingLevel(String text, int from) {
        int level = 0;
        while (text.charAt(from + level) == '=') {
            level++;
        }
        return level;
    }

    /** After "--": a long comment if a long bracket opens here, otherwise a line comment. */
    private void finishComment() {
        if (_input.LA(1) == '[') {
            int i = 2;
            while (_input.LA(i) == '=') {
                i++;
            }
            if (_input.LA(i) == '[') {
                for (int k = 0; k < i; k++) {
                    getInterpreter().consume(_input);
                }
                finishLongBracket(i - 2);
                if (getType() == UNFINISHED_LONG) {
                    setType(UNFINISHED_LONG_COMMENT);
                }
                return;
            }
        }
        while (true) {
            int c = _input.LA(1);
            if (c == org.antlr.v4.runtime.IntStream.EOF || c == '\n' || c == '\r') {
                return;
            }
            getInterpreter().consume(_input);
        }
    }
}

@parser::members {
    /** Told about every ParseMeter.BATCH tokens consumed, so parsing can be charged and cancelled. */
    public ParseMeter meter = ParseMeter.NONE;
    private int unmetered;

    /**
     * Checks Lua's parser makes as it reads, so that their errors come before any error later in the input:
     * an expression statement's first expression (a call, or an assignment's target), each further target,
     * a '...' (only in a vararg function).
     */
    public interface ReadChecks {
        void expression(SuffixedexpContext first);

        void target(SuffixedexpContext target);

        void vararg(ParserRuleContext vararg);
    }

    public ReadChecks readChecks;

    private void expressionRead(SuffixedexpContext first) {
        if (readChecks != null) {
            readChecks.expression(first);
        }
    }

    private void targetRead(SuffixedexpContext target) {
        if (readChecks != null) {
            readChecks.target(target);
        }
    }

    private void varargRead(ParserRuleContext vararg) {
        if (readChecks != null) {
            readChecks.vararg(vararg);
        }
    }

    @Override
    public org.antlr.v4.runtime.Token consume() {
        if (++unmetered == ParseMeter.BATCH) {
            unmetered = 0;
            meter.tokens(ParseMeter.BATCH);
        }
        return super.consume();
    }
}

chunk : block EOF ;

block : stat* retstat? ;

stat
    : ';'                                                                     # EmptyStat
    | first=suffixedexp { expressionRead($first.ctx); } assignTail?           # ExprStat
    | '::' NAME '::'                                                          # LabelStat
    | 'break'                                                                 # BreakStat
    | 'goto' NAME                                                             # GotoStat
    | 'do' block 'end'                                                        # DoStat
    | 'while' exp 'do' block 'end'                                            # WhileStat
    | 'repeat' block 'until' exp                                              # RepeatStat
    | 'if' exp 'then' block elseifPart* elsePart? 'end'                       # IfStat
    | 'for' NAME '=' exp ',' exp (',' exp)? 'do' block 'end'                  # NumericForStat
    | 'for' namelist 'in' explist 'do' block 'end'                            # GenericForStat
    | 'function' funcname funcbody                                            # FunctionStat
    | 'local' 'function' NAME funcbody                                        # LocalFunctionStat
    | 'local' attname (',' attname)* ('=' explist)?                           # LocalStat
    ;

assignTail : (',' target=suffixedexp { targetRead($target.ctx); })* '=' explist ;

elseifPart : 'elseif' exp 'then' block ;

elsePart : 'else' block ;

retstat : 'return' explist? ';'? ;

attname : NAME ('<' attrib=NAME '>')? ;

funcname : NAME ('.' NAME)* (':' method=NAME)? ;

namelist : NAME (',' NAME)* ;

explist : exp (',' exp)* ;

exp
    : 'nil'                                                                   # NilExp
    | 'false'                                                                 # FalseExp
    | 'true'                                                                  # TrueExp
    | NUMBER                                                                  # NumberExp
    | string                                                                  # StringExp
    | '...' { varargRead(_localctx); }                                        # VarargExp
    | 'function' funcbody                                                     # FunctionExp
    | suffixedexp                                                             # PrefixExp
    | tableconstructor                                                        # TableExp
    | <assoc=right> exp op='^' exp                                            # PowExp
    | op=('not' | '#' | '-' | '~') exp                                        # UnaryExp
    | exp op=('*' | '/' | '//' | '%') exp                                     # MulExp
    | exp op=('+' | '-') exp                                                  # AddExp
    | <assoc=right> exp op='..' exp                                           # ConcatExp
    | exp op=('<<' | '>>') exp                                                # ShiftExp
    | exp op='&' exp                                                          # BandExp
    | exp op='~' exp                                                          # BxorExp
    | exp op='|' exp                                                          # BorExp
    | exp op=('<' | '>' | '<=' | '>=' | '~=' | '==') exp                      # CompareExp
    | exp op='and' exp                                                        # AndExp
    | exp op='or' exp                                                         # OrExp
    ;

suffixedexp : primaryexp suffix* ;

primaryexp
    : NAME                                                                    # NamePrimary
    | '(' exp ')'                                                             # ParenPrimary
    ;

suffix
    : '[' exp ']'                                                             # IndexSuffix
    | '.' NAME                                                                # FieldSuffix
    | ':' NAME args                                                           # MethodSuffix
    | args                                                                    # CallSuffix
    ;

args
    : '(' explist? ')'                                                        # ParenArgs
    | tableconstructor                                                        # TableArgs
    | string                                                                  # StringArgs
    ;

funcbody : '(' parlist? ')' block 'end' ;

parlist
    : NAME (',' NAME)* (',' '...')?
    | '...'
    ;

// The separators are tokens of the constructor, not a rule of their own: a context, its list and its token's
// node for every field of a data chunk, which the translator never reads.
tableconstructor : '{' (field ((',' | ';') field)* (',' | ';')?)? '}' ;

field
    : '[' key=exp ']' '=' value=exp                                           # KeyedField
    | NAME '=' exp                                                            # NamedField
    | exp                                                                     # PositionalField
    ;

string : SHORT_STRING | LONG_STRING ;

// ---------------------------------------------------------------- lexer

NAME : [a-zA-Z_] [a-zA-Z_0-9]* ;

NUMBER
    : '0' [xX] HEX_DIGITS ('.' HEX_DIGIT*)? HEX_EXPONENT?
    | '0' [xX] '.' HEX_DIGITS HEX_EXPONENT?
    | DIGIT+ ('.' DIGIT*)? EXPONENT?
    | '.' DIGIT+ EXPONENT?
    ;

// What Lua's read_numeral takes when the result is no numeral ("3x", "0xg", "1e+", "3..2"): hex digits, dots and
// exponent marks with their sign, then one more letter if one touches them. NUMBER wins a tie (rule order).
MALFORMED_NUMBER
    : '0' [xX] ([pP] [+-]? | [0-9a-fA-F.])* [g-oq-zG-OQ-Z_]?
    | (DIGIT | '.' DIGIT) ([eE] [+-]? | [0-9a-fA-F.])* [g-zG-Z_]?
    ;

SHORT_STRING
    : '"' (ESCAPE | ~["\\\r\n])* '"'
    | '\'' (ESCAPE | ~['\\\r\n])* '\''
    ;

UNFINISHED_STRING
    : '"' (ESCAPE | ~["\\\r\n])*
    | '\'' (ESCAPE | ~['\\\r\n])*
    ;

LONG_STRING : '[' '='* '[' { finishLongBracket(openingLevel(getText(), 1)); } ;

// '[' and '=' signs without the second '[': Lua's lexer rejects it ("invalid long string delimiter").
BAD_LONG_DELIMITER : '[' '='+ ;

COMMENT : '--' { finishComment(); } -> channel(HIDDEN) ;

WS : [ \t\r\n\f\u000B]+ -> skip ;

// Token types set from actions (never matched directly).
fragment UNFINISHED_LONG_FRAGMENT : '\u0000' ;
UNFINISHED_LONG : '\u0000' '\u0000' '\u0001' ;
UNFINISHED_LONG_COMMENT : '\u0000' '\u0000' '\u0002' ;

// Anything else is one bad character, reported by the parser wrapper as "unexpected symbol".
BAD_CHAR : . ;

fragment ESCAPE : '\\' ('\r\n' | '\n\r' | 'z' [ \t\r\n\f\u000B]* | .) ;
fragment DIGIT : [0-9] ;
fragment HEX_DIGIT : [0-9a-fA-F] ;
fragment HEX_DIGITS : HEX_DIGIT+ ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment HEX_EXPONENT : [pP] [+-]? DIGIT+ ;
