package dev.moat.language.translator;

import com.oracle.truffle.api.source.Source;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.BlockNode;
import dev.moat.language.nodes.controlflow.GotoNode;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.generator.DirectYieldNode;
import dev.moat.language.nodes.generator.YieldStatementNode;
import dev.moat.language.nodes.local.ClearLocalsNode;
import dev.moat.language.nodes.local.LocalVar;
import dev.moat.language.nodes.local.MultiValueGetNode;
import dev.moat.language.nodes.local.FrameLocalReadNodeGen;
import dev.moat.language.nodes.local.FrameLocalWriteNodeGen;
import dev.moat.language.nodes.local.TempReadNode;
import dev.moat.language.nodes.local.TempWriteNode;
import dev.moat.language.parser.LuaParser.AttnameContext;
import dev.moat.language.parser.LuaParser.EmptyStatContext;
import dev.moat.language.parser.LuaParser.ExpContext;
import dev.moat.language.parser.LuaParser.LabelStatContext;
import dev.moat.language.parser.LuaParser.LocalStatContext;
import dev.moat.language.parser.LuaParser.StatContext;
import dev.moat.language.parser.LuaParser.GotoStatContext;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.translator.FunctionScope.BlockScope;
import dev.moat.language.translator.FunctionScope.Label;
import dev.moat.language.translator.FunctionScope.PendingGoto;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parts of statement translation with their own bookkeeping: goto/label resolution with Lua 5.4's
 * visibility and "jumps into the scope of local" rules, and values parked in hidden slots for multiple
 * assignment and multi-valued local declarations.
 */
abstract class GotoAndTempTranslator extends ExpressionTranslator {
    GotoAndTempTranslator(MoatLanguage language, Source source) {
        super(language, source);
    }

    // ------------------------------------------------------------------ goto

    /**
     * Where Lua's parser stands when a function's block closes, which is where it reports a goto without a label
     * and a break outside a loop: the token after the function's {@code end}, or the end of the chunk.
     */
    Token functionEnd(ParserRuleContext whole) {
        Token after = whole.stop == null ? null : after(whole.stop);
        return after != null ? after : whole.stop;
    }

    /**
     * Whether the label at {@code i} starts a run of labels separated only by semicolons, that is, whether no label
     * stands before it with only semicolons in between.
     */
    static boolean startsLabelRun(List<StatContext> stats, int i) {
        for (int j = i - 1; j >= 0 && (stats.get(j) instanceof LabelStatContext || stats.get(j) instanceof EmptyStatContext); j--) {
            if (stats.get(j) instanceof LabelStatContext) {
                return false;
            }
        }
        return true;
    }

    /**
     * Repeated labels in a run that starts at {@code first}, checked as Lua's parser checks them: its labelstat
     * parses the labels and semicolons after a label before creating the label, so the run's labels are checked
     * last to first, each against the visible labels and the run's later ones, and reported after the run.
     */
    void checkRepeatedLabels(BlockScope scope, List<StatContext> stats, int first) {
        List<LabelStatContext> run = new ArrayList<>();
        for (int j = first; j < stats.size() && (stats.get(j) instanceof LabelStatContext || stats.get(j) instanceof EmptyStatContext); j++) {
            if (stats.get(j) instanceof LabelStatContext l) {
                run.add(l);
            }
        }
        Token at = tokenAfterLabels(run.get(0).stop);
        for (int k = run.size() - 1; k >= 0; k--) {
            String name = run.get(k).NAME().getText();
            for (int later = k + 1; later < run.size(); later++) {
                if (run.get(later).NAME().getText().equals(name)) {
                    throw semanticError(at, "label '" + name + "' already defined on line " + run.get(later).start.getLine());
                }
            }
            for (BlockScope b = scope; b != null; b = b.parent) {
                Label existing = b.labels.get(name);
                if (existing != null) {
                    throw semanticError(at, "label '" + name + "' already defined on line " + existing.line);
                }
            }
        }
    }

    /**
     * The token after a label and the labels and semicolons that follow it: where Lua's parser stands when it
     * creates the label (its labelstat skips those no-op statements first), so where it reports a goto that
     * jumps into a local's scope.
     */
    Token tokenAfterLabels(Token labelEnd) {
        Token t = after(labelEnd);
        while (t != null && (t.getText().equals(";") || t.getText().equals("::"))) {
            t = t.getText().equals(";") ? after(t) : after(after(after(t))); // '::' NAME '::'
        }
        return t == null ? labelEnd : t;
    }

    /** Resolves the block's pending gotos to {@code label}; a jump into a local's scope is reported at {@code errorAt}. */
    void resolvePendingInBlock(BlockScope scope, Label label, Token errorAt) {
        List<PendingGoto> remaining = new ArrayList<>();
        for (PendingGoto g : scope.pendingGotos) {
            if (g.name.equals(label.name)) {
                if (label.localsBefore > g.localsAtGoto && !label.atBlockEnd) {
                    LocalVar v = scope.locals.get(g.localsAtGoto);
                    throw semanticError(errorAt, "<goto " + g.name + "> at line " + g.line + " jumps into the scope of local '" + v.name + "'");
                }
                g.ref.label = label;
                if (g.part == label.part) {
                    label.firstForwardSource = Math.min(label.firstForwardSource, g.statementIndex);
                } else {
                    // From before a <close> to the end of the block: the goto's own part ends there.
                    scope.partExits.add(new FunctionScope.PartExit(label, g.part, g.statementIndex));
                }
            } else {
                remaining.add(g);
            }
        }
        scope.pendingGotos.clear();
        scope.pendingGotos.addAll(remaining);
    }

    MoatStatementNode gotoStatement(GotoStatContext g) {
        String name = g.NAME().getText();
        GotoNode.LabelRef ref = new GotoNode.LabelRef();
        for (BlockScope b = fn.block; b != null; b = b.parent) {
            Label label = b.labels.get(name);
            if (label != null) {
                ref.label = label; // backward jump to a visible label
                label.backward = true;
                return at(new GotoNode(ref), g);
            }
        }
        Token t = g.NAME().getSymbol();
        fn.block.pendingGotos.add(new PendingGoto(name, g.start.getLine(), g.start.getCharPositionInLine() + 1, ref,
                fn.block.statementIndex, fn.block.locals.size(), fn.closeScopes));
        return at(new GotoNode(ref), g);
    }

    /** When a block closes, its unresolved gotos move to the enclosing block. */
    void closeBlockGotos(BlockScope inner, BlockScope outer) {
        if (inner.pendingGotos.isEmpty()) {
            return;
        }
        if (outer == null) {
            PendingGoto g = inner.pendingGotos.get(0);
            throw new MoatSyntaxError(source.getName(), g.line, g.column, "no visible label '" + g.name + "' for <goto> at line " + g.line, null);
        }
        for (PendingGoto g : inner.pendingGotos) {
            g.statementIndex = outer.statementIndex;
            g.localsAtGoto = outer.locals.size();
            g.part = fn.closeScopes;
            outer.pendingGotos.add(g);
        }
    }

    /**
     * A function's gotos left without a label and its first break outside a loop, whichever comes first in the
     * source, fail the chunk; Lua finds both when the function's block closes and reports them at {@code end}.
     */
    void closeFunctionGotos(Token end) {
        PendingGoto g = fn.block.pendingGotos.isEmpty() ? null : fn.block.pendingGotos.get(0);
        Token b = fn.strayBreak;
        if (b != null && (g == null || b.getLine() < g.line || b.getLine() == g.line && b.getCharPositionInLine() + 1 < g.column)) {
            throw semanticError(end, "break outside loop at line " + b.getLine());
        }
        if (g != null) {
            throw semanticError(end, "no visible label '" + g.name + "' for <goto> at line " + g.line);
        }
    }

    /**
     * Evaluates an expression list adjusted to {@code wanted} values into hidden slots. Returns the
     * slots; if the last expression is multi-valued, the last slot holds its whole result and values
     * from there on are read with {@link MultiValueGetNode} (encoded as a negative first element).
     */
    int[] evaluateIntoTemps(List<ExpContext> exps, int wanted, List<MoatStatementNode> seq) {
        int n = exps.size();
        boolean lastMulti = n > 0 && isMulti(exps.get(n - 1)) && wanted >= n;
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = fn.hiddenSlot("(value)");
            boolean multi = lastMulti && i == n - 1;
            MoatExpressionNode value = expr(exps.get(i), multi).node();
            // A single value gets a typed slot (numbers stay unboxed, as in locals); a multi-value
            // result is an Object[] read back by MultiValueGetNode.
            if (value instanceof DirectYieldNode yield) {
                seq.add(new YieldStatementNode(yield, slots[i])); // read back as an Object slot either way
            } else {
                seq.add(multi ? new TempWriteNode(slots[i], value) : FrameLocalWriteNodeGen.create(slots[i], value));
            }
        }
        int[] result = new int[n + 2];
        System.arraycopy(slots, 0, result, 0, n);
        result[n] = lastMulti ? 1 : 0;
        result[n + 1] = n;
        return result;
    }

    /**
     * A node that ends these slots once their values are dead (see ClearLocalsNode), or null where that
     * would not pay: outside loops (no slot is carried around one), with nothing to end, or in a
     * generator translation (its frame lives on the heap and its resume points fix the nodes' shapes).
     */
    ClearLocalsNode endSlotsInLoop(int... slots) {
        if (!insideLoop(0) || slots.length == 0 || generator != null) {
            return null;
        }
        return new ClearLocalsNode(slots, fn.compiledFrameSlot());
    }

    /**
     * Whether code translated now may run again in the same call: it is inside more than {@code ownLoops}
     * loops, or after a label of an enclosing block of this function (a goto after it may jump back).
     */
    boolean insideLoop(int ownLoops) {
        if (fn.loopDepth > ownLoops) {
            return true;
        }
        for (FunctionScope.BlockScope b = fn.block; b != null; b = b.parent) {
            if (!b.labels.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Ends one statement's hidden slots (table and key operands, values) once it has used them. */
    void endTemps(List<MoatStatementNode> seq, int[] operandSlots, int[] valueTemps) {
        int values = valueTemps == null ? 0 : valueTemps[valueTemps.length - 1];
        int[] slots = new int[operandSlots.length + values];
        System.arraycopy(operandSlots, 0, slots, 0, operandSlots.length);
        if (values > 0) {
            System.arraycopy(valueTemps, 0, slots, operandSlots.length, values);
        }
        ClearLocalsNode end = endSlotsInLoop(slots);
        if (end != null) {
            seq.add(end);
        }
    }

    /**
     * The statement {@code write} makes of {@code value}; where the value is a direct yield, the yield runs
     * first as a statement of its own into a hidden slot (YieldStatementNode, which suspends without an
     * exception) and {@code write} reads it from there.
     */
    MoatStatementNode throughYield(MoatExpressionNode value, Function<MoatExpressionNode, MoatStatementNode> write) {
        if (!(value instanceof DirectYieldNode yield)) {
            return write.apply(value);
        }
        int slot = fn.hiddenSlot("(yield results)");
        return new BlockNode(new MoatStatementNode[]{new YieldStatementNode(yield, slot), write.apply(new TempReadNode(slot))}, 0);
    }

    static MoatExpressionNode valueRead(int[] temps, int i) {
        int n = temps[temps.length - 1];
        boolean lastMulti = temps[temps.length - 2] == 1;
        if (lastMulti && i >= n - 1) {
            return new MultiValueGetNode(temps[n - 1], i - (n - 1));
        }
        if (i < n) {
            return FrameLocalReadNodeGen.create(temps[i]);
        }
        return new LiteralNode(dev.moat.language.runtime.MoatNil.NIL);
    }

    static boolean hasLabelsOrClose(List<StatContext> stats) {
        for (StatContext s : stats) {
            if (s instanceof LabelStatContext) {
                return true;
            }
            if (s instanceof LocalStatContext l) {
                for (AttnameContext a : l.attname()) {
                    if (a.attrib != null && a.attrib.getText().equals("close")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean hasClose(LocalStatContext ls) {
        return closeIndex(ls) >= 0;
    }

    /** Which of the statement's names is {@code <close>} (at most one, checked when it is translated), or -1. */
    static int closeIndex(LocalStatContext ls) {
        List<AttnameContext> names = ls.attname();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).attrib != null && names.get(i).attrib.getText().equals("close")) {
                return i;
            }
        }
        return -1;
    }

    static boolean onlyVoidAfter(List<StatContext> stats, int i) {
        for (int j = i + 1; j < stats.size(); j++) {
            if (!(stats.get(j) instanceof LabelStatContext || stats.get(j) instanceof EmptyStatContext)) {
                return false;
            }
        }
        return true;
    }
}
