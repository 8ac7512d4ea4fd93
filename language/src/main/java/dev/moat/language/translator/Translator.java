package dev.moat.language.translator;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.FunctionRootNode;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.call.CallNode;
import dev.moat.language.nodes.call.MethodCallNode;
import dev.moat.language.nodes.call.TailCallNode;
import dev.moat.language.nodes.controlflow.BlockNode;
import dev.moat.language.nodes.controlflow.BreakNode;
import dev.moat.language.nodes.controlflow.CloseScopeNode;
import dev.moat.language.nodes.controlflow.GenericForNode;
import dev.moat.language.nodes.controlflow.IfNode;
import dev.moat.language.nodes.controlflow.NumericForNode;
import dev.moat.language.nodes.controlflow.ReturnNode;
import dev.moat.language.nodes.controlflow.WhileNode;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.generator.GeneratorRootNode;
import dev.moat.language.nodes.generator.ResumableBlockNode;
import dev.moat.language.nodes.local.ClearLocalsNode;
import dev.moat.language.nodes.local.ThenClearLocalsNode;
import dev.moat.language.nodes.local.ClosureNode;
import dev.moat.language.nodes.local.FrameLocalReadNodeGen;
import dev.moat.language.nodes.local.LocalReadNode;
import dev.moat.language.nodes.local.LocalVar;
import dev.moat.language.nodes.local.LocalWriteNode;
import dev.moat.language.nodes.local.MultiValueGetNode;
import dev.moat.language.nodes.table.FieldAssignNode;
import dev.moat.language.parser.LuaParser.*;
import dev.moat.language.parser.MoatParser;
import dev.moat.language.parser.ParseMeter;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.translator.FunctionScope.BlockScope;
import dev.moat.language.translator.FunctionScope.Label;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a parsed chunk into Truffle nodes: statements, blocks and scopes, functions and closures,
 * goto/label resolution with Lua 5.4's checks, and to-be-closed variables. Compile-time errors are
 * {@link MoatSyntaxError}s with line and column.
 */
public final class Translator extends AssignmentTranslator {

    private List<Token> tokens = List.of();
    /** The hidden locals Lua declares for a loop's state ("(for state)"), which count towards its limit on locals. */
    private static final int NUMERIC_FOR_STATE = 3;
    private static final int GENERIC_FOR_STATE = 4;
    /** Generator translations in progress: functions nested in one get no generator translation of their own. */
    private int generatorPasses;

    private Translator(MoatLanguage language, Source source) {
        super(language, source);
    }

    @Override
    Token after(Token t) {
        for (int i = t.getTokenIndex() + 1; i < tokens.size(); i++) {
            Token next = tokens.get(i);
            if (next.getChannel() == Token.DEFAULT_CHANNEL) {
                return next;
            }
        }
        return null;
    }

    /** Translates a whole chunk into the root of its main function (a vararg function with upvalue _ENV). */
    public static FunctionRootNode translateChunk(MoatLanguage language, Source source, ParseMeter meter) {
        MoatParser.Parsed parsed = MoatParser.parseWithTokens(source, meter);
        ChunkContext chunk = parsed.chunk();
        Translator t = new Translator(language, source);
        t.tokens = parsed.tokens();
        t.constants = new ChunkConstants(language, source, parsed.decodedStrings());
        try {
            return t.mainFunction(chunk);
        } catch (StackOverflowError e) {
            throw new MoatSyntaxError(source.getName(), 1, 1, "chunk has too many syntax levels", null);
        }
    }

    private FunctionRootNode mainFunction(ChunkContext chunk) {
        fn = new FunctionScope(null, true, 0);
        fn.addUpvalue("_ENV", null, -1);
        Body body = functionBody(chunk.block(), List.of(), chunk);
        SourceSection section = source.createSection(0, source.getLength());
        return new FunctionRootNode(language, fn.frame.build(), new MoatStatementNode[0], body.statements,
                body.finalReturn, 0, fn.varargSlot, EntryCharges.callCharge(body.statements), fn.levelSlot, fn.compiledFrameSlot, "main chunk", section, true);
    }

    private record Body(MoatStatementNode[] prologue, MoatStatementNode statements, MoatExpressionNode finalReturn) {
    }

    // ------------------------------------------------------------------ functions

    @Override
    MoatExpressionNode translateFunction(FuncbodyContext body, String name, boolean isMethod, ParserRuleContext whole) {
        return translateFunction(body, name, isMethod, whole, null);
    }

    /** {@code selfLocal}: the local a {@code local function} statement declares for this function, or null. */
    private MoatExpressionNode translateFunction(FuncbodyContext body, String name, boolean isMethod,
                                                 ParserRuleContext whole, LocalVar selfLocal) {
        ParlistContext params = body.parlist();
        boolean vararg = params != null && params.getText().endsWith("...");
        FunctionScope outer = fn;
        GeneratorShape enclosingGenerator = generator;
        generator = null;
        // Lua's linedefined: a function statement's 'function' keyword, else the token after it or after the name
        fn = new FunctionScope(outer, vararg, whole instanceof FunctionStatContext ? whole.start.getLine() : body.start.getLine());
        fn.selfLocal = selfLocal;
        try {
            List<String> names = new ArrayList<>();
            if (isMethod) {
                names.add("self");
            }
            if (params != null) {
                for (TerminalNode n : params.NAME()) {
                    names.add(n.getText());
                    if (names.size() > FunctionScope.MAX_LOCALS) {
                        throw limitError(fn, "local variables", FunctionScope.MAX_LOCALS, n.getSymbol());
                    }
                }
            }
            Body translated = functionBody(body.block(), names, whole);
            int start = whole.start.getStartIndex();
            int stop = Math.max(whole.stop.getStopIndex(), start);
            SourceSection section = source.createSection(start, stop - start + 1);
            MoatStatementNode[] prologue = translated.prologue;
            FunctionRootNode root = new FunctionRootNode(language, fn.frame.build(), prologue, translated.statements,
                    translated.finalReturn, names.size(), fn.varargSlot, EntryCharges.callCharge(translated.statements), fn.levelSlot, fn.compiledFrameSlot,
                    name, section, false);
            GeneratorShape shape = generatorPasses == 0 ? GeneratorShape.of(body.block(), names, fn.upvalueNames) : null;
            if (shape != null) {
                root.setGeneratorTarget(generatorVariant(body, shape, names, whole, name, section));
            }
            int n = fn.upvalueNames.size();
            LocalVar[] fromLocal = fn.upvalueFromLocal.toArray(new LocalVar[0]);
            int[] fromUp = new int[n];
            LocalVar[] runningSelf = new LocalVar[n];
            for (int i = 0; i < n; i++) {
                fromUp[i] = fn.upvalueFromUpvalue.get(i);
                runningSelf[i] = fromLocal[i] == null ? outer.selfLocalAt(fromUp[i]) : null;
            }
            return at(new ClosureNode(root.getCallTarget(), fromLocal, fromUp, runningSelf), whole);
        } finally {
            fn = outer;
            generator = enclosingGenerator;
        }
    }

    /**
     * Translates the function body {@code fn} was just translated from a second time, as a generator (see
     * GeneratorRootNode). Its upvalues are the same list in the same order, since closures of the function
     * carry one upvalue array for both translations.
     */
    private RootCallTarget generatorVariant(FuncbodyContext body, GeneratorShape shape, List<String> names,
                                            ParserRuleContext whole, String name, SourceSection section) {
        FunctionScope normal = fn;
        fn = new FunctionScope(normal.parent, normal.isVararg, normal.lineDefined, true);
        fn.selfLocal = normal.selfLocal;
        for (int i = 0; i < normal.upvalueNames.size(); i++) {
            fn.addUpvalue(normal.upvalueNames.get(i), normal.upvalueFromLocal.get(i), normal.upvalueFromUpvalue.get(i));
        }
        fn.resumeValuesSlot = fn.staticSlot("(resume values)");
        generator = shape;
        generatorPasses++;
        try {
            Body translated = functionBody(body.block(), names, whole);
            if (fn.upvalueNames.size() != normal.upvalueNames.size()) {
                throw new IllegalStateException("generator translation of " + name + " resolved other upvalues");
            }
            return new GeneratorRootNode(language, fn.frame.build(), translated.prologue, translated.statements,
                    translated.finalReturn, names.size(), fn.varargSlot, EntryCharges.callCharge(translated.statements),
                    fn.levelSlot, fn.resumePoints(), fn.resumeValuesSlot, shape.takesBareSteps(), name, section).getCallTarget();
        } finally {
            generator = null;
            generatorPasses--;
            fn = normal;
        }
    }

    private int resumePointFor(StatContext s) {
        return generator != null && generator.isResumable(s) ? fn.newResumePoint() : -1;
    }

    /** A sequence whose {@code last} part holds a yield: resumable in a generator body, else a plain block. */
    private MoatStatementNode sequence(MoatStatementNode[] parts, boolean lastResumes) {
        if (lastResumes) {
            boolean[] points = new boolean[parts.length];
            points[parts.length - 1] = true;
            return new ResumableBlockNode(parts, points, 0, fn.newResumePoint());
        }
        return new BlockNode(parts, 0);
    }

    private Body functionBody(BlockContext block, List<String> params, ParserRuleContext whole) {
        fn.block = new BlockScope(null, false);
        List<MoatStatementNode> prologue = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            LocalVar v = fn.newLocal(params.get(i), null);
            prologue.add(new LocalWriteNode(v, new dev.moat.language.builtins.ReadArgNode(i), true));
            fn.block.locals.add(v);
        }
        List<StatContext> stats = block.stat();
        RetstatContext ret = block.retstat();
        boolean simple = !hasLabelsOrClose(stats);
        MoatStatementNode statements;
        MoatExpressionNode finalReturn = null;
        if (simple && ret != null) {
            statements = blockStatements(stats, null, true);
            finalReturn = returnValue(ret);
        } else {
            statements = blockStatements(stats, ret, true);
        }
        closeFunctionGotos(functionEnd(whole));
        fn.block = null;
        return new Body(prologue.toArray(new MoatStatementNode[0]), statements, finalReturn);
    }


    // ------------------------------------------------------------------ blocks

    /** A nested block with its own scope. */
    private MoatStatementNode block(BlockContext block, boolean isLoop) {
        BlockScope outer = fn.block;
        fn.block = new BlockScope(outer, isLoop);
        try {
            return blockStatements(block.stat(), block.retstat(), false);
        } finally {
            closeBlockGotos(fn.block, outer);
            fn.block = outer;
        }
    }

    /**
     * Statements of the current block scope. A {@code local <close>} makes the rest of the block a
     * nested {@link CloseScopeNode}; labels make it a {@link LabeledBlockNode}.
     */
    private MoatStatementNode blockStatements(List<StatContext> stats, RetstatContext ret, boolean functionTop) {
        BlockScope scope = fn.block;
        List<MoatStatementNode> out = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int count = stats.size() + (ret == null ? 0 : 1);
        // Statements after a <close> declaration are collected separately and wrapped.
        int closeAt = -1;
        for (int i = 0; i < stats.size(); i++) {
            StatContext s = stats.get(i);
            scope.statementIndex = out.size();
            if (s instanceof LabelStatContext l) {
                String name = l.NAME().getText();
                if (startsLabelRun(stats, i)) {
                    checkRepeatedLabels(scope, stats, i);
                }
                Label label = new Label(name, l.start.getLine(), out.size(), scope.locals.size(), fn.closeScopes);
                // A label that ends a repeat body is still in its locals' scope: the condition after 'until' sees them.
                label.atBlockEnd = onlyVoidAfter(stats, i) && ret == null && !scope.localsOutliveBlock;
                scope.labels.put(name, label);
                labels.add(label);
                resolvePendingInBlock(scope, label, tokenAfterLabels(l.stop));
                continue;
            }
            out.add(statement(s));
            if (s instanceof LocalStatContext ls && hasClose(ls)) {
                closeAt = i;
                // The statement's names are the block's last locals; the <close> one need not be the last of them.
                LocalVar closeVar = scope.locals.get(scope.locals.size() - ls.attname().size() + closeIndex(ls));
                List<StatContext> rest = stats.subList(i + 1, stats.size());
                MoatStatementNode restNode = restAfterClose(rest, ret);
                fn.closeScopes++;
                out.add(new CloseScopeNode(new LocalReadNode(closeVar), closeVar.name, restNode));
                fn.closeScopes--;
                break;
            }
        }
        if (closeAt < 0 && ret != null) {
            out.add(at(new ReturnNode(returnValue(ret)), ret));
        }
        List<FunctionScope.PartExit> exits = LabeledBlocks.partExitsOf(scope, fn.closeScopes);
        boolean labeled = !labels.isEmpty() || !exits.isEmpty();
        boolean resumable = !labeled && generator != null && generator.anyResumable(stats, ret);
        // A block inside a loop that ends normally ends its locals' slots, so no value is carried around the
        // loop in them (see ClearLocalsNode). Not a repeat body (the condition reads its locals afterwards),
        // nor blocks with <close>, a final return or generator resume points (the others' shapes).
        ClearLocalsNode end = null;
        if (!functionTop && closeAt < 0 && ret == null && !resumable && !scope.localsOutliveBlock
                && !scope.locals.isEmpty()) {
            end = endSlotsInLoop(slotsOf(scope.locals));
        }
        if (labeled) {
            return LabeledBlocks.build(out.toArray(new MoatStatementNode[0]), labels, exits, end);
        }
        if (end != null) {
            out.add(end);
        }
        MoatStatementNode[] array = out.toArray(new MoatStatementNode[0]);
        if (resumable) {
            // No labels or <close> in a generator body: statement i is out[i] (a final return follows them).
            boolean[] points = new boolean[array.length];
            for (int i = 0; i < array.length; i++) {
                points[i] = i < stats.size() ? generator.isResumable(stats.get(i)) : generator.isResumable(ret);
            }
            return new ResumableBlockNode(array, points, Math.max(1, count), fn.newResumePoint());
        }
        return new BlockNode(array, Math.max(1, count));
    }

    /** The statements following a to-be-closed declaration, in the same scope. */
    private MoatStatementNode restAfterClose(List<StatContext> rest, RetstatContext ret) {
        fn.closeScopes++;
        try {
            return blockStatements(rest, ret, false);
        } finally {
            fn.closeScopes--;
        }
    }



    // ------------------------------------------------------------------ statements

    private MoatStatementNode statement(StatContext s) {
        MoatStatementNode node;
        if (s instanceof ExprStatContext e) {
            node = exprStatement(e);
        } else if (s instanceof LocalStatContext l) {
            node = localStatement(l);
        } else if (s instanceof IfStatContext i) {
            node = ifStatement(i);
        } else if (s instanceof WhileStatContext w) {
            MoatExpressionNode cond = single(w.exp());
            fn.loopDepth++;
            MoatStatementNode body = block(w.block(), true);
            fn.loopDepth--;
            node = new WhileNode(cond, body, false, 1 + EntryCharges.takeEntryCharge(body), resumePointFor(s));
        } else if (s instanceof RepeatStatContext r) {
            node = repeatStatement(r);
        } else if (s instanceof NumericForStatContext f) {
            node = numericFor(f);
        } else if (s instanceof GenericForStatContext f) {
            node = genericFor(f);
        } else if (s instanceof FunctionStatContext f) {
            node = functionStatement(f);
        } else if (s instanceof LocalFunctionStatContext f) {
            node = localFunction(f);
        } else if (s instanceof DoStatContext d) {
            node = block(d.block(), false);
        } else if (s instanceof BreakStatContext b) {
            if (fn.loopDepth == 0) {
                if (fn.strayBreak == null) {
                    fn.strayBreak = b.start;
                }
                node = new BlockNode(new MoatStatementNode[0], 0); // never runs: the function fails to translate
            } else {
                node = new BreakNode();
            }
        } else if (s instanceof GotoStatContext g) {
            node = gotoStatement(g);
        } else {
            node = new BlockNode(new MoatStatementNode[0], 0);
        }
        return at(node, s);
    }

    private MoatStatementNode localStatement(LocalStatContext l) {
        List<AttnameContext> names = l.attname();
        List<LocalVar> vars = new ArrayList<>();
        int closeCount = 0;
        for (AttnameContext a : names) {
            checkLocalLimit(vars.size() + 1, a.NAME(0).getSymbol());
            if (a.attrib != null) {
                String attrib = a.attrib.getText();
                if (!attrib.equals("const") && !attrib.equals("close")) {
                    throw semanticError(a.attrib, "unknown attribute '" + attrib + "'");
                }
                if (attrib.equals("close") && ++closeCount > 1) {
                    throw semanticError(a.attrib, "multiple to-be-closed variables in local list");
                }
            }
            vars.add(fn.newLocal(a.NAME(0).getText(), a.attrib == null ? null : a.attrib.getText()));
        }
        List<ExpContext> exps = l.explist() == null ? List.of() : l.explist().exp();
        List<MoatStatementNode> seq = new ArrayList<>();
        if (exps.size() == names.size()) {
            for (int i = 0; i < exps.size(); i++) {
                MoatExpressionNode value = single(exps.get(i));
                LocalVar declared = vars.get(i);
                if (i == exps.size() - 1 && "const".equals(declared.attrib)) {
                    declared.compileTimeConstant = LuaConstantFolding.constantValue(value);
                }
                seq.add(throughYield(value, v -> new LocalWriteNode(declared, v, true)));
            }
            fn.block.locals.addAll(vars);
            return seq.size() == 1 ? seq.get(0) : new BlockNode(seq.toArray(new MoatStatementNode[0]), 0);
        }
        seq.clear();
        if (exps.isEmpty()) {
            for (LocalVar v : vars) {
                seq.add(new LocalWriteNode(v, new LiteralNode(dev.moat.language.runtime.MoatNil.NIL), true));
            }
        } else {
            int[] temps = evaluateIntoTemps(exps, vars.size(), seq);
            for (int i = 0; i < vars.size(); i++) {
                seq.add(new LocalWriteNode(vars.get(i), valueRead(temps, i), true));
            }
            endTemps(seq, new int[0], temps);
        }
        fn.block.locals.addAll(vars);
        return new BlockNode(seq.toArray(new MoatStatementNode[0]), 0);
    }

    private MoatStatementNode ifStatement(IfStatContext i) {
        List<ElseifPartContext> elseifs = i.elseifPart();
        MoatStatementNode elsePart = i.elsePart() == null ? null : block(i.elsePart().block(), false);
        for (int k = elseifs.size() - 1; k >= 0; k--) {
            ElseifPartContext e = elseifs.get(k);
            elsePart = at(new IfNode(single(e.exp()), block(e.block(), false), elsePart, resumePointFor(i)), e);
        }
        return new IfNode(single(i.exp()), block(i.block(), false), elsePart, resumePointFor(i));
    }

    private MoatStatementNode repeatStatement(RepeatStatContext r) {
        BlockScope outer = fn.block;
        fn.block = new BlockScope(outer, true);
        fn.block.localsOutliveBlock = true;
        fn.loopDepth++;
        try {
            MoatStatementNode body = blockStatements(r.block().stat(), r.block().retstat(), false);
            MoatExpressionNode cond = single(r.exp());
            ClearLocalsNode endLocals = endSlotsInLoop(slotsOf(fn.block.locals)); // the condition reads them last
            if (endLocals != null) {
                cond = new ThenClearLocalsNode(cond, endLocals);
            }
            return new WhileNode(cond, body, true, 1 + EntryCharges.takeEntryCharge(body), resumePointFor(r));
        } finally {
            fn.loopDepth--;
            closeBlockGotos(fn.block, outer);
            fn.block = outer;
        }
    }

    private MoatStatementNode numericFor(NumericForStatContext f) {
        checkLocalLimit(NUMERIC_FOR_STATE + 1, f.NAME().getSymbol()); // Lua declares them before the expressions
        MoatExpressionNode start = single(f.exp(0));
        MoatExpressionNode limit = single(f.exp(1));
        MoatExpressionNode step = f.exp().size() > 2 ? single(f.exp(2)) : null;
        int indexSlot = fn.hiddenSlot("(for index)");
        int countSlot = fn.hiddenSlot("(for count)");
        int stepSlot = fn.hiddenSlot("(for step)");
        BlockScope outer = fn.block;
        fn.block = new BlockScope(outer, true);
        fn.block.luaControlLocals = NUMERIC_FOR_STATE;
        fn.loopDepth++;
        try {
            LocalVar var = fn.newLocal(f.NAME().getText(), null);
            MoatStatementNode declare = new LocalWriteNode(var, FrameLocalReadNodeGen.create(indexSlot), true);
            fn.block.locals.add(var);
            MoatStatementNode body = block(f.block(), true);
            int iterationCharge = 1 + EntryCharges.takeEntryCharge(body);
            int resumePoint = resumePointFor(f);
            // The control variable ends with each iteration; the loop's slots end with the loop when it is
            // nested in another (see ClearLocalsNode).
            ClearLocalsNode endVariable = endSlotsInLoop(var.slot);
            MoatStatementNode iteration = sequence(endVariable == null || resumePoint >= 0
                    ? new MoatStatementNode[]{declare, body} : new MoatStatementNode[]{declare, body, endVariable}, resumePoint >= 0);
            MoatStatementNode loop = new NumericForNode(start, limit, step, iteration, iterationCharge, indexSlot, countSlot, stepSlot,
                    resumePoint);
            return endingSlotsAfter(loop, indexSlot, countSlot, stepSlot);
        } finally {
            fn.loopDepth--;
            closeBlockGotos(fn.block, outer);
            fn.block = outer;
        }
    }

    /**
     * A loop nested in another, followed by the end of its hidden slots (called while the translator is
     * still inside the loop, so the enclosing loop is depth 2 and up).
     */
    private MoatStatementNode endingSlotsAfter(MoatStatementNode loop, int... slots) {
        if (!insideLoop(1)) {
            return loop;
        }
        ClearLocalsNode end = endSlotsInLoop(slots);
        return end == null ? loop : new BlockNode(new MoatStatementNode[]{loop, end}, 0);
    }

    private static int[] slotsOf(List<LocalVar> locals) {
        int[] slots = new int[locals.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = locals.get(i).slot;
        }
        return slots;
    }

    private MoatStatementNode genericFor(GenericForStatContext f) {
        List<TerminalNode> names = f.namelist().NAME();
        for (int i = 0; i < names.size(); i++) { // Lua declares them, after its state, before the expressions
            checkLocalLimit(GENERIC_FOR_STATE + i + 1, names.get(i).getSymbol());
        }
        List<ExpContext> exps = f.explist().exp();
        MoatExpressionNode explist = multiValue(exps);
        int fSlot = fn.hiddenSlot("(for f)");
        int sSlot = fn.hiddenSlot("(for s)");
        int cSlot = fn.hiddenSlot("(for control)");
        int rSlot = fn.hiddenSlot("(for results)");
        BlockScope outer = fn.block;
        fn.block = new BlockScope(outer, true);
        fn.block.luaControlLocals = GENERIC_FOR_STATE;
        fn.loopDepth++;
        try {
            List<MoatStatementNode> seq = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                LocalVar v = fn.newLocal(names.get(i).getText(), null);
                seq.add(new LocalWriteNode(v, new MultiValueGetNode(rSlot, i), true));
                fn.block.locals.add(v);
            }
            MoatStatementNode block = block(f.block(), true);
            int bodyEntryCharge = EntryCharges.takeEntryCharge(block); // paid by the iteration (GenericForNode)
            seq.add(block);
            int resumePoint = resumePointFor(f);
            ClearLocalsNode endVariables = endSlotsInLoop(slotsOf(fn.block.locals));
            if (endVariables != null && resumePoint < 0) {
                seq.add(endVariables); // they end with each iteration, the loop's slots with the loop (see numericFor)
            }
            MoatStatementNode body = sequence(seq.toArray(new MoatStatementNode[0]), resumePoint >= 0);
            GenericForNode loop = new GenericForNode(explist, body, bodyEntryCharge, fSlot, sSlot, cSlot, rSlot, resumePoint);
            Token first = f.explist().start;
            loop.setIteratorCallRange(first.getStartIndex(), Math.max(1, first.getStopIndex() - first.getStartIndex() + 1));
            return endingSlotsAfter(loop, fSlot, sSlot, cSlot, rSlot);
        } finally {
            fn.loopDepth--;
            closeBlockGotos(fn.block, outer);
            fn.block = outer;
        }
    }

    private MoatStatementNode functionStatement(FunctionStatContext f) {
        FuncnameContext name = f.funcname();
        List<TerminalNode> parts = name.NAME();
        boolean isMethod = name.method != null;
        StringBuilder display = new StringBuilder(parts.get(0).getText());
        int fieldCount = isMethod ? parts.size() - 1 : parts.size();
        for (int i = 1; i < fieldCount; i++) {
            display.append('.').append(parts.get(i).getText());
        }
        if (isMethod) {
            display.append(':').append(name.method.getText());
        }
        MoatExpressionNode closure = translateFunction(f.funcbody(), display.toString(), isMethod, f);
        if (fieldCount == 1 && !isMethod) {
            return writeName(parts.get(0).getText(), parts.get(0).getSymbol(), closure);
        }
        Expr target = readName(parts.get(0).getText(), parts.get(0).getSymbol());
        int lastField = isMethod ? fieldCount : fieldCount - 1;
        for (int i = 1; i < lastField; i++) {
            String field = parts.get(i).getText();
            target = new Expr(new dev.moat.language.nodes.table.FieldExpressionNode(target.node(),
                    constant(field), target.description()), "field '" + field + "'");
        }
        String key = isMethod ? name.method.getText() : parts.get(fieldCount - 1).getText();
        return new FieldAssignNode(target.node(), constant(key), closure, target.description());
    }

    private MoatStatementNode localFunction(LocalFunctionStatContext f) {
        String name = f.NAME().getText();
        checkLocalLimit(1, f.NAME().getSymbol());
        LocalVar v = fn.newLocal(name, null);
        v.localFunction = true;
        MoatStatementNode declare = new LocalWriteNode(v, new LiteralNode(dev.moat.language.runtime.MoatNil.NIL), true);
        fn.block.locals.add(v);
        MoatExpressionNode closure = translateFunction(f.funcbody(), name, false, f, v);
        MoatStatementNode assign = new LocalWriteNode(v, closure, false);
        return new BlockNode(new MoatStatementNode[]{declare, assign}, 0);
    }

    /** The value of a return statement; a single call becomes a proper tail call where allowed. */
    private MoatExpressionNode returnValue(RetstatContext ret) {
        if (ret.explist() == null) {
            return new LiteralNode(dev.moat.language.runtime.MultiValue.EMPTY);
        }
        List<ExpContext> exps = ret.explist().exp();
        if (exps.size() == 1 && fn.closeScopes == 0 && exps.get(0) instanceof PrefixExpContext p && isMulti(p)) {
            MoatExpressionNode call = suffixed(p.suffixedexp(), true).node();
            if (call instanceof CallNode || call instanceof MethodCallNode) {
                // A generator step keeps its level (its frame outlives the step): it does not release it.
                return at(new TailCallNode(call), ret);
            }
            return call;
        }
        return multiValue(exps);
    }
}
