package dev.moat.language.translator;

import dev.moat.language.parser.LuaParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a function body can also run as a resumable generator (see
 * {@link dev.moat.language.nodes.generator.GeneratorRootNode}), found from its syntax alone.
 *
 * <p>A body qualifies when it calls {@code coroutine.yield(...)} directly (not inside a nested function)
 * and every such call is a whole statement that can be run again from its start after a resume:
 * {@code coroutine.yield(...)}, {@code local a, b = coroutine.yield(...)}, or {@code a, b = coroutine.yield(...)}
 * with plain names as targets; these may sit in blocks, {@code do}, {@code if}, {@code while},
 * {@code repeat} and both {@code for} loops, but not in conditions, loop headers or other expressions.
 * The body may not contain labels, {@code goto} or {@code <close>} variables. Whether the callee really is
 * the yield builtin is checked when the call runs: the syntax only says where a resume can land.
 */
final class GeneratorShape {
    /** The call suffixes of the direct yields. */
    private final Set<ParserRuleContext> yields = new HashSet<>();
    /** Statements containing a direct yield: they become resume points of their blocks. */
    private final Set<StatContext> resumable = new HashSet<>();
    private boolean eligible = true;
    /** Steps may run bare (see BareStepSafety): then statements that can bail are resume points too. */
    private boolean bareSteps;
    /** Where bare steps can bail (null unless they are taken). */
    private BareStepSafety bails;

    private GeneratorShape() {
    }

    /**
     * The body's generator shape, or null if it cannot (or need not) run as a generator. {@code parameters}:
     * the function's parameter names (locals of the body); {@code upvalues}: the names it captures.
     */
    static GeneratorShape of(BlockContext body, List<String> parameters, List<String> upvalues) {
        GeneratorShape shape = new GeneratorShape();
        shape.block(body);
        if (!shape.eligible || shape.yields.isEmpty()) {
            return null;
        }
        BareStepSafety safety = BareStepSafety.of(body, parameters, new HashSet<>(upvalues));
        if (safety.safe()) {
            shape.bareSteps = true;
            shape.bails = safety;
        }
        return shape;
    }

    boolean isYield(ParserRuleContext callSuffix) {
        return yields.contains(callSuffix);
    }

    /** True if the body's steps may run bare, each statement that can bail a place a step can resume at. */
    boolean takesBareSteps() {
        return bareSteps;
    }

    /** A statement a step can stop in: it contains a direct yield, or a bare step can bail in it. */
    boolean isResumable(StatContext statement) {
        return resumable.contains(statement) || bareSteps && bails.bailing.contains(statement);
    }

    /** A return statement of a nested block that a bare step can bail in. */
    boolean isResumable(RetstatContext ret) {
        return ret != null && bareSteps && bails.bailingReturns.contains(ret);
    }

    boolean anyResumable(List<StatContext> statements, RetstatContext ret) {
        for (StatContext s : statements) {
            if (isResumable(s)) {
                return true;
            }
        }
        return isResumable(ret);
    }

    private boolean block(BlockContext block) {
        boolean any = false;
        for (StatContext s : block.stat()) {
            any |= statement(s);
        }
        if (block.retstat() != null) {
            reject(block.retstat());
        }
        return any;
    }

    /** True if the statement contains a supported direct yield; marks the body ineligible on anything else. */
    private boolean statement(StatContext s) {
        boolean any = false;
        if (s instanceof LabelStatContext || s instanceof GotoStatContext) {
            eligible = false;
        } else if (s instanceof ExprStatContext e) {
            any = expressionStatement(e);
        } else if (s instanceof LocalStatContext l) {
            any = localStatement(l);
        } else if (s instanceof DoStatContext d) {
            any = block(d.block());
        } else if (s instanceof WhileStatContext w) {
            reject(w.exp());
            any = block(w.block());
        } else if (s instanceof RepeatStatContext r) {
            any = block(r.block());
            reject(r.exp());
        } else if (s instanceof IfStatContext i) {
            reject(i.exp());
            any = block(i.block());
            for (ElseifPartContext e : i.elseifPart()) {
                reject(e.exp());
                any |= block(e.block());
            }
            if (i.elsePart() != null) {
                any |= block(i.elsePart().block());
            }
        } else if (s instanceof NumericForStatContext f) {
            for (ExpContext e : f.exp()) {
                reject(e);
            }
            any = block(f.block());
        } else if (s instanceof GenericForStatContext f) {
            reject(f.explist());
            any = block(f.block());
        }
        // Function statements (nested bodies are their own affair), break and ';' contain no yield.
        if (any) {
            resumable.add(s);
        }
        return any;
    }

    private boolean expressionStatement(ExprStatContext e) {
        AssignTailContext tail = e.assignTail();
        if (tail == null) {
            if (yieldCall(e.suffixedexp())) {
                return true;
            }
            reject(e);
            return false;
        }
        List<ExpContext> exps = tail.explist().exp();
        boolean namesOnly = plainName(e.suffixedexp());
        for (SuffixedexpContext t : tail.suffixedexp()) {
            namesOnly &= plainName(t);
        }
        if (namesOnly && exps.size() == 1 && exps.get(0) instanceof PrefixExpContext p && yieldCall(p.suffixedexp())) {
            return true;
        }
        reject(e);
        return false;
    }

    private boolean localStatement(LocalStatContext l) {
        for (AttnameContext a : l.attname()) {
            if (a.attrib != null && a.attrib.getText().equals("close")) {
                eligible = false;
            }
        }
        if (l.explist() == null) {
            return false;
        }
        List<ExpContext> exps = l.explist().exp();
        if (exps.size() == 1 && exps.get(0) instanceof PrefixExpContext p && yieldCall(p.suffixedexp())) {
            return true;
        }
        reject(l.explist());
        return false;
    }

    /** {@code coroutine.yield(args)} whose arguments yield nothing themselves: recorded as a direct yield. */
    private boolean yieldCall(SuffixedexpContext s) {
        if (!yieldShaped(s)) {
            return false;
        }
        ParserRuleContext call = s.suffix(1);
        reject(call);
        yields.add(call);
        return true;
    }

    private static boolean yieldShaped(SuffixedexpContext s) {
        List<SuffixContext> suffixes = s.suffix();
        return s.primaryexp() instanceof NamePrimaryContext n && n.NAME().getText().equals("coroutine")
                && suffixes.size() == 2
                && suffixes.get(0) instanceof FieldSuffixContext f && f.NAME().getText().equals("yield")
                && suffixes.get(1) instanceof CallSuffixContext;
    }

    private static boolean plainName(SuffixedexpContext s) {
        return s.suffix().isEmpty() && s.primaryexp() instanceof NamePrimaryContext;
    }

    /** A yield-shaped call anywhere in {@code tree} (outside nested functions) makes the body ineligible. */
    private void reject(ParseTree tree) {
        if (tree instanceof FuncbodyContext) {
            return;
        }
        if (tree instanceof SuffixedexpContext s && yieldShaped(s)) {
            eligible = false;
            return;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            reject(tree.getChild(i));
        }
    }
}
