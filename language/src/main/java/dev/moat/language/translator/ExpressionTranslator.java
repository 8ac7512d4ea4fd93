package dev.moat.language.translator;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatNode;
import dev.moat.language.nodes.call.ArgumentsNode;
import dev.moat.language.nodes.call.CallNode;
import dev.moat.language.nodes.generator.DirectYieldNode;
import dev.moat.language.nodes.call.MethodCallNode;
import dev.moat.language.nodes.call.QuotientArgumentNode;
import dev.moat.language.nodes.expression.ArithNode;
import dev.moat.language.nodes.expression.ArithNodeGen;
import dev.moat.language.nodes.expression.ArithOp;
import dev.moat.language.nodes.expression.BinaryNode;
import dev.moat.language.nodes.expression.CompareNodeGen;
import dev.moat.language.nodes.expression.ConcatNode;
import dev.moat.language.nodes.expression.EqualNodeGen;
import dev.moat.language.nodes.expression.LengthNode;
import dev.moat.language.nodes.expression.LengthNodeGen;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.expression.LogicNodes;
import dev.moat.language.nodes.expression.MultiExpressionNode;
import dev.moat.language.nodes.expression.SingleValueNode;
import dev.moat.language.nodes.expression.TypeTestNode;
import dev.moat.language.nodes.expression.UnaryArithNode;
import dev.moat.language.nodes.expression.UnaryArithNodeGen;
import dev.moat.language.nodes.local.LocalReadNode;
import dev.moat.language.nodes.local.LocalVar;
import dev.moat.language.nodes.local.LocalFunctionSelfReadNode;
import dev.moat.language.nodes.local.UpvalueReadNode;
import dev.moat.language.nodes.local.VarargNode;
import dev.moat.language.nodes.table.FieldExpressionNode;
import dev.moat.language.nodes.table.IndexExpressionNode;
import dev.moat.language.nodes.table.TableConstructorNode;
import dev.moat.language.parser.LuaParser;
import dev.moat.language.parser.LuaParser.*;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.LuaNumberParser;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates expressions of the parse tree into nodes, resolving names to locals, upvalues or globals
 * ({@code _ENV.name}) and keeping Lua's variable descriptions for error messages.
 */
abstract class ExpressionTranslator {
    /**
     * A translated expression and how Lua would describe it in an error: a description ("local 'x'"), a string
     * constant (described as "constant '...'" only when asked: most never are, and a data chunk has thousands),
     * or null.
     */
    record Expr(MoatExpressionNode node, Object describedAs) {
        /** How Lua describes the expression in an error, or null. */
        String description() {
            if (describedAs instanceof TruffleString constant) {
                return "constant '" + LuaValues.asCString(MoatStrings.toJava(constant)) + "'";
            }
            return (String) describedAs;
        }
    }

    protected final MoatLanguage language;
    protected final Source source;
    protected FunctionScope fn;
    /** The generator shape of the function body being translated as a generator, else null. */
    GeneratorShape generator;
    /** The chunk's interned string constants (set for a chunk with what its parse decoded). */
    ChunkConstants constants;

    ExpressionTranslator(MoatLanguage language, Source source) {
        this.language = language;
        this.source = source;
        this.constants = new ChunkConstants(language, source, Map.of());
    }

    abstract MoatExpressionNode translateFunction(FuncbodyContext body, String name, boolean isMethod, ParserRuleContext whole);

    // ------------------------------------------------------------------ errors and positions

    MoatSyntaxError syntaxError(Token at, String message) {
        String near = at == null || at.getType() == Token.EOF ? "<eof>" : "'" + at.getText() + "'";
        int line = at == null ? 1 : at.getLine();
        int col = at == null ? 1 : at.getCharPositionInLine() + 1;
        return new MoatSyntaxError(source.getName(), line, col, message, near);
    }

    /** The first visible token after {@code t} (Lua reports "syntax error near" the token that follows). */
    abstract Token after(Token t);

    /**
     * Lua's error for one of its parser limits passed in {@code scope}, reported as lparser.c's errorlimit
     * does: at the token after the name that passed it (the parser's current token then).
     */
    MoatSyntaxError limitError(FunctionScope scope, String what, int limit, Token name) {
        Token near = after(name);
        return syntaxError(near == null ? name : near, "too many " + what + " (limit is " + limit + ") in " + scope.luaDescription());
    }

    /** Raises Lua's "too many local variables" if declaring {@code declaring} more locals at {@code name} passes the limit. */
    void checkLocalLimit(int declaring, Token name) {
        if (fn.luaLocalCount() + declaring > FunctionScope.MAX_LOCALS) {
            throw limitError(fn, "local variables", FunctionScope.MAX_LOCALS, name);
        }
    }

    MoatSyntaxError semanticError(Token at, String message) {
        int line = at == null ? 1 : at.getLine();
        int col = at == null ? 1 : at.getCharPositionInLine() + 1;
        return new MoatSyntaxError(source.getName(), line, col, message, null);
    }

    static <T extends MoatNode> T at(T node, ParserRuleContext ctx) {
        if (ctx != null && ctx.start != null) {
            int start = ctx.start.getStartIndex();
            int stop = ctx.stop == null ? start : Math.max(ctx.stop.getStopIndex(), start);
            node.setSourceRange(start, stop - start + 1);
        }
        return node;
    }

    static <T extends MoatNode> T at(T node, Token token) {
        node.setSourceRange(token.getStartIndex(), Math.max(1, token.getStopIndex() - token.getStartIndex() + 1));
        return node;
    }

    // ------------------------------------------------------------------ names

    Expr readName(String name, Token token) {
        LocalVar local = fn.findLocal(name);
        if (local != null && local.compileTimeConstant == null) {
            return new Expr(new LocalReadNode(local), "local '" + name + "'");
        }
        LocalVar constant = local != null ? local : visibleLocal(name);
        if (constant != null && constant.compileTimeConstant != null) {
            return literal(constant.compileTimeConstant); // Lua reads it as the constant: no register, no upvalue
        }
        int up = resolveUpvalue(fn, name, token);
        if (up >= 0 && fn.selfLocalAt(up) != null) {
            return new Expr(new LocalFunctionSelfReadNode(up, fn.selfLocal), "upvalue '" + name + "'");
        }
        if (up >= 0) {
            return new Expr(new UpvalueReadNode(up, name, capturedLocal(fn, up)), "upvalue '" + name + "'");
        }
        // _ENV is usually the chunk's upvalue, but a local _ENV is described as such in errors.
        Expr env = readName("_ENV", token);
        FieldExpressionNode node = new FieldExpressionNode(env.node(), constant(name), env.description());
        return new Expr(at(node, token), "global '" + name + "'");
    }

    /** The local {@code name} resolves to here or in an enclosing function, without capturing it; null for a global. */
    private LocalVar visibleLocal(String name) {
        for (FunctionScope scope = fn; scope != null; scope = scope.parent) {
            LocalVar v = scope.findLocal(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A constant as a literal expression, described as Lua describes a constant in errors. */
    private Expr literal(Object value) {
        if (value instanceof TruffleString s) {
            TruffleString interned = constant(s);
            return new Expr(new LiteralNode(interned), interned);
        }
        return new Expr(new LiteralNode(value), null);
    }

    /** An interned string constant (see MoatLanguage.intern), once per chunk (ChunkConstants). */
    TruffleString constant(String s) {
        return constants.name(s);
    }

    TruffleString constant(TruffleString s) {
        return language.intern(s);
    }

    /** The local that upvalue {@code index} of {@code scope} captures, following enclosing functions' upvalues. */
    static LocalVar capturedLocal(FunctionScope scope, int index) {
        while (scope.upvalueFromLocal.get(index) == null) {
            index = scope.upvalueFromUpvalue.get(index);
            scope = scope.parent;
            if (index < 0 || scope == null) {
                return null; // the chunk's _ENV
            }
        }
        return scope.upvalueFromLocal.get(index);
    }

    /**
     * Finds {@code name} (the name at {@code token}) as an upvalue of {@code scope}, capturing it from enclosing
     * functions; -1 if global.
     */
    int resolveUpvalue(FunctionScope scope, String name, Token token) {
        Integer existing = scope.upvalue(name);
        if (existing != null) {
            return existing;
        }
        if (scope.parent == null) {
            return -1;
        }
        LocalVar v = scope.parent.findLocal(name);
        if (v != null) {
            checkUpvalueLimit(scope, token);
            v.capture();
            return scope.addUpvalue(name, v, -1);
        }
        int up = resolveUpvalue(scope.parent, name, token);
        if (up < 0) {
            return -1;
        }
        checkUpvalueLimit(scope, token);
        return scope.addUpvalue(name, null, up);
    }

    private void checkUpvalueLimit(FunctionScope scope, Token token) {
        if (scope.upvalueNames.size() + 1 > FunctionScope.MAX_UPVALUES) {
            throw limitError(scope, "upvalues", FunctionScope.MAX_UPVALUES, token);
        }
    }

    /** The attribute (const/close) of the variable {@code name} resolves to, or null. */
    String attribOf(String name) {
        LocalVar v = visibleLocal(name);
        return v == null ? null : v.attrib;
    }

    // ------------------------------------------------------------------ expressions

    MoatExpressionNode single(ExpContext e) {
        return expr(e, false).node();
    }

    Expr expr(ExpContext e, boolean multi) {
        if (e instanceof NilExpContext) {
            return new Expr(new LiteralNode(MoatNil.NIL), null);
        } else if (e instanceof TrueExpContext) {
            return new Expr(new LiteralNode(Boolean.TRUE), null);
        } else if (e instanceof FalseExpContext) {
            return new Expr(new LiteralNode(Boolean.FALSE), null);
        } else if (e instanceof NumberExpContext n) {
            Object value = LuaNumberParser.parseNumeral(n.NUMBER().getText());
            if (value == null) {
                throw syntaxError(n.NUMBER().getSymbol(), "malformed number");
            }
            return new Expr(new LiteralNode(value), null);
        } else if (e instanceof StringExpContext s) {
            TruffleString constant = stringLiteral(s.string());
            return new Expr(new LiteralNode(constant), constant);
        } else if (e instanceof VarargExpContext v) {
            if (!fn.isVararg) {
                throw syntaxError(v.start, "cannot use '...' outside a vararg function");
            }
            return new Expr(new VarargNode(fn.varargSlot, multi), null);
        } else if (e instanceof FunctionExpContext f) {
            return new Expr(translateFunction(f.funcbody(), "anonymous", false, f), null);
        } else if (e instanceof PrefixExpContext p) {
            return suffixed(p.suffixedexp(), multi);
        } else if (e instanceof TableExpContext t) {
            return new Expr(table(t.tableconstructor()), null);
        } else if (e instanceof UnaryExpContext u) {
            return unary(u);
        } else if (e instanceof ConcatExpContext c) {
            return concat(c);
        } else if (e instanceof AndExpContext a) {
            return andOr(true, a.exp(0), a.exp(1));
        } else if (e instanceof OrExpContext o) {
            return andOr(false, o.exp(0), o.exp(1));
        } else if (e instanceof CompareExpContext c) {
            return compare(c);
        }
        return binaryArith(e);
    }

    /**
     * {@code a and b}, {@code a or b}. When {@code a} is a constant that decides the operator ({@code 2 and b},
     * {@code nil or b}), Lua's compiler emits no test and the result is {@code b} itself (luaK_goiftrue), so
     * it keeps b's description ("constant 'zz'" in an error) and may be a compile-time constant; Moat reads
     * it the same way. A constant that short-circuits ({@code false and b}) leaves the operator as it is.
     */
    private Expr andOr(boolean and, ExpContext left, ExpContext right) {
        Expr first = expr(left, false);
        Object constant = LuaConstantFolding.constantValue(first.node());
        if (constant != null && LuaValues.isTruthy(constant) == and) {
            return expr(right, false);
        }
        MoatExpressionNode second = single(right);
        return new Expr(and ? new LogicNodes.AndNode(first.node(), second) : new LogicNodes.OrNode(first.node(), second), null);
    }

    /** The interned string a string literal of the code denotes. */
    TruffleString stringLiteral(StringContext s) {
        return constants.literal(s.start);
    }

    private Expr binaryArith(ExpContext e) {
        ExpContext l;
        ExpContext r;
        Token opToken;
        if (e instanceof PowExpContext p) {
            l = p.exp(0); r = p.exp(1); opToken = p.op;
        } else if (e instanceof MulExpContext m) {
            l = m.exp(0); r = m.exp(1); opToken = m.op;
        } else if (e instanceof AddExpContext a) {
            l = a.exp(0); r = a.exp(1); opToken = a.op;
        } else if (e instanceof ShiftExpContext s) {
            l = s.exp(0); r = s.exp(1); opToken = s.op;
        } else if (e instanceof BandExpContext b) {
            l = b.exp(0); r = b.exp(1); opToken = b.op;
        } else if (e instanceof BxorExpContext b) {
            l = b.exp(0); r = b.exp(1); opToken = b.op;
        } else if (e instanceof BorExpContext b) {
            l = b.exp(0); r = b.exp(1); opToken = b.op;
        } else {
            throw syntaxError(e.start, "unexpected symbol");
        }
        String op = opToken.getText();
        ArithOp arith = switch (op) {
            case "+" -> ArithOp.ADD;
            case "-" -> ArithOp.SUB;
            case "*" -> ArithOp.MUL;
            case "/" -> ArithOp.DIV;
            case "//" -> ArithOp.IDIV;
            case "%" -> ArithOp.MOD;
            case "^" -> ArithOp.POW;
            case "&" -> ArithOp.BAND;
            case "|" -> ArithOp.BOR;
            case "~" -> ArithOp.BXOR;
            case "<<" -> ArithOp.SHL;
            case ">>" -> ArithOp.SHR;
            default -> throw syntaxError(e.start, "unexpected symbol");
        };
        Expr left = expr(l, false);
        Expr right = expr(r, false);
        BinaryNode node = ArithNodeGen.create(arith, left.node(), right.node());
        node.setDescriptions(left.description(), right.description());
        if (arith == ArithOp.SUB && LuaConstantFolding.fold(right.node()) instanceof Long k && k != Long.MIN_VALUE) {
            ((dev.moat.language.nodes.expression.ArithNode) node).setSubtractAsAdd();
        }
        return new Expr(at(node, opToken), null); // Lua's errors name the operator's line
    }

    private Expr compare(CompareExpContext c) {
        Expr left = expr(c.exp(0), false);
        Expr right = expr(c.exp(1), false);
        String op = c.op.getText();
        if (op.equals("==") || op.equals("~=")) {
            // type(x) == "table": the type tested at the site (TypeTestNode); the call's own line for its errors
            TypeTestNode test = TypeTestNode.fuse(left.node(), right.node(), op.equals("~="));
            if (test != null) {
                return new Expr(at(test, c.stop), null);
            }
        }
        BinaryNode node = switch (c.op.getText()) {
            case "==" -> EqualNodeGen.create(false, left.node(), right.node());
            case "~=" -> EqualNodeGen.create(true, left.node(), right.node());
            case "<" -> CompareNodeGen.create(false, false, left.node(), right.node());
            case "<=" -> CompareNodeGen.create(true, false, left.node(), right.node());
            case ">" -> CompareNodeGen.create(false, true, left.node(), right.node());
            default -> CompareNodeGen.create(true, true, left.node(), right.node());
        };
        node.setDescriptions(left.description(), right.description());
        // Lua's comparison instruction gets the line of the last token read, the right operand's end.
        return new Expr(at(node, c.stop), null);
    }

    private Expr unary(UnaryExpContext u) {
        String op = u.op.getText();
        Expr operand = expr(u.exp(), false);
        switch (op) {
            case "not": {
                // Lua folds 'not' of a constant to a boolean constant (codenot), which a <const> local then is.
                Object constant = LuaConstantFolding.constantValue(operand.node());
                return constant != null ? new Expr(new LiteralNode(!LuaValues.isTruthy(constant)), null)
                        : new Expr(new LogicNodes.NotNode(operand.node()), null);
            }
            case "#": {
                LengthNode n = LengthNodeGen.create(operand.node());
                n.setDescription(operand.description());
                return new Expr(at(n, u), null);
            }
            case "-": {
                if (operand.node() instanceof LiteralNode lit) {
                    if (lit.getValue() instanceof Long l) {
                        return new Expr(new LiteralNode(-l), null);
                    }
                    // Lua folds no float result that is zero or NaN (lcode.c, constfolding): -0.0 stays an
                    // operation, not a constant, so "-0.0 and t.x" keeps its test and t.x's name is lost.
                    if (lit.getValue() instanceof Double d && d != 0 && !Double.isNaN(d)) {
                        return new Expr(new LiteralNode(-d), null);
                    }
                }
                UnaryArithNode n = UnaryArithNodeGen.create(ArithOp.UNM, operand.node());
                n.setDescription(operand.description());
                return new Expr(at(n, u), null);
            }
            default: {
                UnaryArithNode n = UnaryArithNodeGen.create(ArithOp.BNOT, operand.node());
                n.setDescription(operand.description());
                return new Expr(at(n, u), null);
            }
        }
    }

    private Expr concat(ConcatExpContext c) {
        List<MoatExpressionNode> operands = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        ExpContext current = c;
        Token lastOperator = c.op;
        while (current instanceof ConcatExpContext cc) {
            lastOperator = cc.op;
            Expr left = expr(cc.exp(0), false);
            operands.add(left.node());
            descriptions.add(left.description());
            current = cc.exp(1);
        }
        Expr last = expr(current, false);
        operands.add(last.node());
        descriptions.add(last.description());
        ConcatNode node = new ConcatNode(operands.toArray(new MoatExpressionNode[0]), descriptions.toArray(new String[0]));
        // Lua merges a chain into one instruction, which keeps the line of the chain's last '..'.
        return new Expr(at(node, lastOperator), null);
    }

    /** True if the expression can produce several values (a call or {@code ...}, not parenthesised). */
    static boolean isMulti(ExpContext e) {
        if (e instanceof VarargExpContext) {
            return true;
        }
        if (e instanceof PrefixExpContext p) {
            List<SuffixContext> suffixes = p.suffixedexp().suffix();
            if (suffixes.isEmpty()) {
                return false;
            }
            SuffixContext last = suffixes.get(suffixes.size() - 1);
            return last instanceof CallSuffixContext || last instanceof MethodSuffixContext;
        }
        return false;
    }

    Expr suffixed(SuffixedexpContext s, boolean multi) {
        Expr current = primary(s.primaryexp());
        List<SuffixContext> suffixes = s.suffix();
        for (int i = 0; i < suffixes.size(); i++) {
            boolean lastOne = i == suffixes.size() - 1;
            current = applySuffix(current, suffixes.get(i), lastOne && multi, s);
        }
        return current;
    }

    /** A name or a parenthesised expression (truncated to one value), the start of a suffixed expression. */
    Expr primary(PrimaryexpContext primary) {
        if (primary instanceof NamePrimaryContext n) {
            return readName(n.NAME().getText(), n.NAME().getSymbol());
        }
        ParenPrimaryContext p = (ParenPrimaryContext) primary;
        Expr inner = expr(p.exp(), false);
        MoatExpressionNode node = isMulti(p.exp()) ? new SingleValueNode(inner.node()) : inner.node();
        return new Expr(node, inner.description());
    }

    Expr applySuffix(Expr target, SuffixContext suffix, boolean multi, ParserRuleContext whole) {
        if (suffix instanceof IndexSuffixContext ix) {
            Expr key = expr(ix.exp(), false);
            if (key.node() instanceof LiteralNode lit && lit.getValue() instanceof TruffleString ts) {
                String desc = fieldDescription(target, MoatStrings.toJava(ts));
                return new Expr(at(new FieldExpressionNode(target.node(), constant(ts), target.description()), ix), desc);
            }
            return new Expr(at(IndexExpressionNode.create(target.node(), key.node(), target.description()), ix),
                    indexDescription(key.node()));
        } else if (suffix instanceof FieldSuffixContext f) {
            String name = f.NAME().getText();
            FieldExpressionNode node = new FieldExpressionNode(target.node(), constant(name), target.description());
            return new Expr(at(node, f), fieldDescription(target, name));
        } else if (suffix instanceof MethodSuffixContext m) {
            String name = m.NAME().getText();
            ArgumentsNode args = arguments(m.args(), CallArguments.FIRST + 1);
            MethodCallNode node = new MethodCallNode(target.node(), constant(name), name, args, multi, target.description());
            return new Expr(at(node, whole), null); // Lua's calls get the line where the suffixed expression starts
        } else {
            CallSuffixContext c = (CallSuffixContext) suffix;
            ArgumentsNode args = arguments(c.args(), CallArguments.FIRST);
            if (generator != null && generator.isYield(c)) {
                DirectYieldNode node = new DirectYieldNode(target.node(), args, multi, target.description(),
                        fn.resumeValuesSlot);
                return new Expr(at(node, c), null);
            }
            CallNode node = args.onlyExpression() instanceof ArithNode div && div.getOp() == ArithOp.DIV
                    ? new CallNode(target.node(), new QuotientArgumentNode(div.getLeft(), div.getRight(), div.withoutOperands()),
                            multi, target.description())
                    : new CallNode(target.node(), args, multi, target.description());
            return new Expr(at(node, whole), null); // Lua's calls get the line where the suffixed expression starts
        }
    }

    /** How Lua names {@code t.name}: a field, or a global when {@code t} is the variable {@code _ENV} (lua's isEnv). */
    private static String fieldDescription(Expr target, String name) {
        boolean env = "upvalue '_ENV'".equals(target.description()) || "local '_ENV'".equals(target.description());
        return (env ? "global '" : "field '") + LuaValues.asCString(name) + "'";
    }

    /**
     * How Lua 5.4 names a value read by {@code t[k]} in error messages: an integer constant 0..255 is
     * "integer index" (its GETI instruction), also after folding ({@code s[~-3.0]}), any other key that is
     * not a constant string "?".
     */
    private static String indexDescription(MoatExpressionNode key) {
        if (LuaConstantFolding.fold(key) instanceof Long n && n >= 0 && n <= 255) {
            return "field 'integer index'";
        }
        return "field '?'";
    }

    ArgumentsNode arguments(ArgsContext a, int offset) {
        if (a instanceof ParenArgsContext p) {
            if (p.explist() == null) {
                return new ArgumentsNode(new MoatExpressionNode[0], false, offset);
            }
            List<ExpContext> exps = p.explist().exp();
            return new ArgumentsNode(expressionList(exps), isMulti(exps.get(exps.size() - 1)), offset);
        } else if (a instanceof TableArgsContext t) {
            return new ArgumentsNode(new MoatExpressionNode[]{table(t.tableconstructor())}, false, offset);
        }
        StringArgsContext s = (StringArgsContext) a;
        return new ArgumentsNode(new MoatExpressionNode[]{new LiteralNode(stringLiteral(s.string()))}, false, offset);
    }

    /** Translates a list; the last expression keeps all its values if it is multi-valued. */
    MoatExpressionNode[] expressionList(List<ExpContext> exps) {
        MoatExpressionNode[] nodes = new MoatExpressionNode[exps.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = expr(exps.get(i), i == nodes.length - 1).node();
        }
        return nodes;
    }

    /** An expression list as one value: a single expression, or an Object[] of all values. */
    MoatExpressionNode multiValue(List<ExpContext> exps) {
        if (exps.isEmpty()) {
            return new LiteralNode(MultiValue.EMPTY);
        }
        if (exps.size() == 1) {
            return expr(exps.get(0), true).node();
        }
        return new MultiExpressionNode(new ArgumentsNode(expressionList(exps), isMulti(exps.get(exps.size() - 1)), 0));
    }

    MoatExpressionNode table(TableconstructorContext t) {
        List<FieldContext> fields = fieldsOf(t);
        MoatExpressionNode[] keys = new MoatExpressionNode[fields.size()];
        MoatExpressionNode[] values = new MoatExpressionNode[fields.size()];
        boolean lastMulti = false;
        for (int i = 0; i < fields.size(); i++) {
            FieldContext f = fields.get(i);
            if (f instanceof KeyedFieldContext k) {
                keys[i] = single(k.key);
                values[i] = single(k.value);
            } else if (f instanceof NamedFieldContext n) {
                keys[i] = new LiteralNode(constant(n.NAME().getText()));
                values[i] = single(n.exp());
            } else {
                PositionalFieldContext p = (PositionalFieldContext) f;
                boolean last = i == fields.size() - 1;
                lastMulti = last && isMulti(p.exp());
                values[i] = expr(p.exp(), lastMulti).node();
            }
        }
        return at(new TableConstructorNode(keys, values, lastMulti), t);
    }

    /**
     * The fields of a constructor. ANTLR's {@code field()} tests each child with {@code Class.isInstance} on a
     * class it is handed, a few per cent of translating a data chunk; this is the same walk with a plain test.
     */
    static List<FieldContext> fieldsOf(TableconstructorContext t) {
        if (t.children == null) {
            return List.of();
        }
        List<FieldContext> fields = new java.util.ArrayList<>(t.children.size() / 2 + 1);
        for (org.antlr.v4.runtime.tree.ParseTree child : t.children) {
            if (child instanceof FieldContext f) {
                fields.add(f);
            }
        }
        return fields;
    }
}
