package dev.moat.language.translator;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.BlockNode;
import dev.moat.language.nodes.controlflow.ExpressionStatementNode;
import dev.moat.language.nodes.expression.LiteralNode;
import dev.moat.language.nodes.generator.DirectYieldNode;
import dev.moat.language.nodes.generator.YieldStatementNode;
import dev.moat.language.nodes.local.FrameLocalReadNodeGen;
import dev.moat.language.nodes.local.FrameLocalWriteNodeGen;
import dev.moat.language.nodes.local.LocalVar;
import dev.moat.language.nodes.local.LocalWriteNode;
import dev.moat.language.nodes.local.TempReadNode;
import dev.moat.language.nodes.local.TempWriteNode;
import dev.moat.language.nodes.local.UpvalueWriteNode;
import dev.moat.language.nodes.table.FieldAssignNode;
import dev.moat.language.nodes.table.IndexAssignNode;
import dev.moat.language.parser.LuaParser.AssignTailContext;
import dev.moat.language.parser.LuaParser.CallSuffixContext;
import dev.moat.language.parser.LuaParser.ExpContext;
import dev.moat.language.parser.LuaParser.ExprStatContext;
import dev.moat.language.parser.LuaParser.FieldSuffixContext;
import dev.moat.language.parser.LuaParser.IndexSuffixContext;
import dev.moat.language.parser.LuaParser.MethodSuffixContext;
import dev.moat.language.parser.LuaParser.NamePrimaryContext;
import dev.moat.language.parser.LuaParser.SuffixContext;
import dev.moat.language.parser.LuaParser.SuffixedexpContext;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Assignment statements: checking that targets are assignable, single assignment to a name, field or
 * index, writes to locals/upvalues/globals (with Lua 5.4's {@code <const>} and {@code <close>} checks),
 * and multiple assignment with the reference's evaluation order.
 */
abstract class AssignmentTranslator extends GotoAndTempTranslator {
    AssignmentTranslator(MoatLanguage language, Source source) {
        super(language, source);
    }

    /** An expression statement: a call, or an assignment to one or more targets. */
    MoatStatementNode exprStatement(ExprStatContext e) {
        AssignTailContext tail = e.assignTail();
        if (tail == null) {
            List<SuffixContext> suffixes = e.suffixedexp().suffix();
            SuffixContext last = suffixes.isEmpty() ? null : suffixes.get(suffixes.size() - 1);
            if (!(last instanceof CallSuffixContext || last instanceof MethodSuffixContext)) {
                throw syntaxError(after(e.stop), "syntax error");
            }
            MoatExpressionNode call = suffixed(e.suffixedexp(), true).node();
            return call instanceof DirectYieldNode yield ? new YieldStatementNode(yield, -1) : new ExpressionStatementNode(call);
        }
        List<SuffixedexpContext> targets = new ArrayList<>();
        targets.add(e.suffixedexp());
        targets.addAll(tail.suffixedexp());
        for (SuffixedexpContext t : targets) {
            checkAssignable(t);
        }
        List<ExpContext> exps = tail.explist().exp();
        if (targets.size() == 1 && exps.size() == 1) {
            SuffixedexpContext target = targets.get(0);
            return throughYield(single(exps.get(0)), value -> assign(target, value));
        }
        return multipleAssignment(targets, exps);
    }

    private void checkAssignable(SuffixedexpContext t) {
        List<SuffixContext> suffixes = t.suffix();
        if (suffixes.isEmpty()) {
            if (!(t.primaryexp() instanceof NamePrimaryContext)) {
                throw syntaxError(after(t.stop), "syntax error");
            }
            return;
        }
        SuffixContext last = suffixes.get(suffixes.size() - 1);
        if (!(last instanceof IndexSuffixContext || last instanceof FieldSuffixContext)) {
            throw syntaxError(after(t.stop), "syntax error");
        }
    }

    /** {@code target = value} for one target. */
    private MoatStatementNode assign(SuffixedexpContext target, MoatExpressionNode value) {
        List<SuffixContext> suffixes = target.suffix();
        if (suffixes.isEmpty()) {
            NamePrimaryContext n = (NamePrimaryContext) target.primaryexp();
            return writeName(n.NAME().getText(), n.NAME().getSymbol(), value);
        }
        Expr object = prefixWithoutLast(target);
        SuffixContext last = suffixes.get(suffixes.size() - 1);
        MoatExpressionNode key = keyOf(last);
        TruffleString name = constantName(key);
        if (name != null) {
            return at(new FieldAssignNode(object.node(), name, value, object.description()), target);
        }
        return at(IndexAssignNode.create(object.node(), key, value, object.description()), target);
    }

    private Expr prefixWithoutLast(SuffixedexpContext target) {
        List<SuffixContext> suffixes = target.suffix();
        Expr current = primary(target.primaryexp());
        for (int i = 0; i < suffixes.size() - 1; i++) {
            current = applySuffix(current, suffixes.get(i), false, target);
        }
        return current;
    }

    /** The interned key of a constant string key ({@code .name}, {@code ["name"]}), else null. */
    private TruffleString constantName(MoatExpressionNode key) {
        return key instanceof LiteralNode lit && lit.getValue() instanceof TruffleString ts ? constant(ts) : null;
    }

    private MoatExpressionNode keyOf(SuffixContext last) {
        if (last instanceof FieldSuffixContext f) {
            return new LiteralNode(constant(f.NAME().getText()));
        }
        return single(((IndexSuffixContext) last).exp());
    }

    MoatStatementNode writeName(String name, Token token, MoatExpressionNode value) {
        if ("const".equals(attribOf(name)) || "close".equals(attribOf(name))) {
            throw semanticError(token, "attempt to assign to const variable '" + name + "'");
        }
        LocalVar local = fn.findLocal(name);
        if (local != null) {
            local.assignedAgain = true;
            return new LocalWriteNode(local, value, false);
        }
        int up = resolveUpvalue(fn, name, token);
        if (up >= 0) {
            LocalVar captured = capturedLocal(fn, up);
            if (captured != null) {
                captured.assignedAgain = true;
            }
            return new UpvalueWriteNode(up, value);
        }
        var env = readName("_ENV", token);
        return at(new FieldAssignNode(env.node(), constant(name), value, env.description()), token);
    }

    /**
     * {@code a, b.c, d[e] = explist}: table and key operands of targets are evaluated first (left to
     * right), then all values, then the assignments happen right to left, as in the reference.
     */
    private MoatStatementNode multipleAssignment(List<SuffixedexpContext> targets, List<ExpContext> exps) {
        List<MoatStatementNode> seq = new ArrayList<>();
        List<MoatStatementNode> stores = new ArrayList<>();
        // Evaluate table/key operands into temps.
        List<int[]> operandSlots = new ArrayList<>();
        List<TruffleString> names = new ArrayList<>(); // constant keys, else null
        for (SuffixedexpContext t : targets) {
            if (t.suffix().isEmpty()) {
                operandSlots.add(null);
                names.add(null);
                continue;
            }
            Expr object = prefixWithoutLast(t);
            int objSlot = fn.hiddenSlot("(assign object)");
            seq.add(new TempWriteNode(objSlot, object.node()));
            MoatExpressionNode key = keyOf(t.suffix().get(t.suffix().size() - 1));
            TruffleString name = constantName(key);
            names.add(name);
            if (name != null) {
                operandSlots.add(new int[]{objSlot}); // a constant name: stored through the field path
                continue;
            }
            int keySlot = fn.hiddenSlot("(assign key)");
            // typed like a local: integer keys (t[i], t[j] = t[j], t[i]) stay unboxed
            seq.add(FrameLocalWriteNodeGen.create(keySlot, key));
            operandSlots.add(new int[]{objSlot, keySlot});
        }
        int[] valueSlots = evaluateIntoTemps(exps, targets.size(), seq);
        for (int i = targets.size() - 1; i >= 0; i--) {
            SuffixedexpContext t = targets.get(i);
            MoatExpressionNode value = valueRead(valueSlots, i);
            int[] ops = operandSlots.get(i);
            if (ops == null) {
                NamePrimaryContext n = (NamePrimaryContext) t.primaryexp();
                stores.add(writeName(n.NAME().getText(), n.NAME().getSymbol(), value));
            } else if (names.get(i) != null) {
                stores.add(at(new FieldAssignNode(new TempReadNode(ops[0]), names.get(i), value, null), t));
            } else {
                stores.add(at(IndexAssignNode.create(new TempReadNode(ops[0]), FrameLocalReadNodeGen.create(ops[1]), value, null), t));
            }
        }
        seq.addAll(stores);
        endTemps(seq, operandSlots.stream().filter(Objects::nonNull).flatMapToInt(Arrays::stream).toArray(), valueSlots);
        return new BlockNode(seq.toArray(new MoatStatementNode[0]), 0);
    }
}
