package dev.moat.language.translator;

import dev.moat.language.parser.LuaParser.*;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a generator body may take bare steps (see nodes.controlflow.GeneratorBail), found from its syntax
 * alone. A bare step bails where it reaches something that might need a continuation (a call whose callee
 * is not a plain builtin, checked before the arguments are evaluated; a metamethod of an operator, an index
 * or an assignment), and the step goes on by running the statement it was in again from its start. That is
 * only right if nothing the statement did before that point can be seen twice: so every statement (an
 * {@code if}'s chain of conditions, a loop header, a {@code repeat} condition counting as one) must reach
 * all its possible bail points before anything with an effect: a call that ran, a written variable or
 * field, an allocation (a table, a closure, a concatenation), all of which the budget or the script would
 * see again. Reading locals, constants and fields and computing with numbers are free to repeat.
 *
 * <p>Conservative where the syntax cannot tell: any name that is neither a local of the body nor one of the
 * function's upvalues is a global (its read and write go through {@code _ENV} and may reach a metamethod).
 * Also records which statements contain a possible bail point: only those need to be resume points, so
 * the rest of the body runs as plain blocks.
 */
final class BareStepSafety {
    private final Deque<Set<String>> scopes = new ArrayDeque<>();
    /** The function's upvalues: reading one reaches no metamethod, writing one is an effect. */
    private final Set<String> upvalues;
    private boolean safe = true;
    /** Something with an effect has run in the current statement. */
    private boolean effect;
    /** Possible bail points seen so far. */
    private int bailPoints;
    /** Statements (and returns) that contain a possible bail point: the only ones a bail can resume at. */
    final Set<StatContext> bailing = new HashSet<>();
    final Set<RetstatContext> bailingReturns = new HashSet<>();

    private BareStepSafety(Set<String> upvalues) {
        this.upvalues = upvalues;
    }

    /**
     * The body's analysis: {@link #safe()} if it may take bare steps, and where it can bail. {@code upvalues}:
     * the names the function captures from enclosing ones.
     */
    static BareStepSafety of(BlockContext body, List<String> parameters, Set<String> upvalues) {
        BareStepSafety check = new BareStepSafety(upvalues);
        check.scopes.push(new HashSet<>(parameters));
        check.block(body);
        return check;
    }

    boolean safe() {
        return safe;
    }

    private void block(BlockContext block) {
        scopes.push(new HashSet<>());
        blockContents(block);
        scopes.pop();
    }

    private void blockContents(BlockContext block) {
        for (StatContext s : block.stat()) {
            statement(s);
        }
        if (block.retstat() != null && block.retstat().explist() != null) {
            startStatement();
            int before = bailPoints;
            explist(block.retstat().explist());
            if (bailPoints > before) {
                bailingReturns.add(block.retstat());
            }
        }
    }

    private void startStatement() {
        effect = false;
    }

    private void bailPoint() {
        bailPoints++;
        if (effect) {
            safe = false;
        }
    }

    private void effect() {
        effect = true;
    }

    /** A local of the body or an upvalue: no metamethod between the script and its value. */
    private boolean isVariable(String name) {
        return isLocal(name) || upvalues.contains(name);
    }

    private boolean isLocal(String name) {
        for (Set<String> scope : scopes) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private void declare(String name) {
        scopes.peek().add(name);
    }

    private void statement(StatContext s) {
        int before = bailPoints;
        walkStatement(s);
        // A generic for calls its iterator, which may be a Lua function, on every iteration.
        if (bailPoints > before || s instanceof GenericForStatContext) {
            bailing.add(s);
        }
    }

    private void walkStatement(StatContext s) {
        startStatement();
        if (s instanceof ExprStatContext e) {
            if (e.assignTail() == null) {
                suffixed(e.suffixedexp());
            } else {
                assignment(e);
            }
        } else if (s instanceof LocalStatContext l) {
            if (l.explist() != null) {
                explist(l.explist());
            }
            for (AttnameContext a : l.attname()) {
                declare(a.NAME(0).getText());
            }
        } else if (s instanceof LocalFunctionStatContext f) {
            declare(f.NAME().getText());
        } else if (s instanceof FunctionStatContext f) {
            functionStatement(f.funcname());
        } else if (s instanceof DoStatContext d) {
            block(d.block());
        } else if (s instanceof WhileStatContext w) {
            exp(w.exp());
            block(w.block());
        } else if (s instanceof RepeatStatContext r) {
            scopes.push(new HashSet<>());
            blockContents(r.block());
            startStatement(); // the condition, run again alone (a repeat's own resume mark), sees the body's locals
            exp(r.exp());
            scopes.pop();
        } else if (s instanceof IfStatContext i) {
            exp(i.exp()); // the whole chain of conditions is run again from the first
            for (ElseifPartContext e : i.elseifPart()) {
                exp(e.exp());
            }
            block(i.block());
            for (ElseifPartContext e : i.elseifPart()) {
                block(e.block());
            }
            if (i.elsePart() != null) {
                block(i.elsePart().block());
            }
        } else if (s instanceof NumericForStatContext f) {
            for (ExpContext e : f.exp()) {
                exp(e);
            }
            loopBody(List.of(f.NAME().getText()), f.block());
        } else if (s instanceof GenericForStatContext f) {
            explist(f.explist()); // the iterator's call each iteration resumes on its own (GenericForNode)
            loopBody(f.namelist().NAME().stream().map(n -> n.getText()).toList(), f.block());
        }
        // Labels and goto make the body no generator at all (GeneratorShape); break and ';' do nothing.
    }

    private void loopBody(List<String> variables, BlockContext body) {
        scopes.push(new HashSet<>(variables));
        block(body);
        scopes.pop();
    }

    /** Targets' tables and keys, then the values, then the writes (Lua's order). */
    private void assignment(ExprStatContext e) {
        List<SuffixedexpContext> targets = new java.util.ArrayList<>();
        targets.add(e.suffixedexp());
        targets.addAll(e.assignTail().suffixedexp());
        for (SuffixedexpContext t : targets) {
            if (!t.suffix().isEmpty()) {
                primary(t.primaryexp());
                List<SuffixContext> suffixes = t.suffix();
                for (int i = 0; i < suffixes.size() - 1; i++) {
                    suffix(suffixes.get(i));
                }
                if (suffixes.get(suffixes.size() - 1) instanceof IndexSuffixContext last) {
                    exp(last.exp());
                }
            }
        }
        explist(e.assignTail().explist());
        for (SuffixedexpContext t : targets) {
            boolean local = t.suffix().isEmpty() && t.primaryexp() instanceof NamePrimaryContext n
                    && isVariable(n.NAME().getText());
            if (!local) {
                bailPoint(); // __newindex (a field, or a global in _ENV)
            }
            effect();
        }
    }

    private void functionStatement(FuncnameContext name) {
        List<org.antlr.v4.runtime.tree.TerminalNode> parts = name.NAME();
        boolean plainName = parts.size() == 1 && name.method == null;
        if (!plainName && !isVariable(parts.get(0).getText())) {
            bailPoint();
        }
        for (int i = 1; i < parts.size() - (name.method == null ? 1 : 0); i++) {
            bailPoint();
        }
        effect(); // the closure
        if (!(plainName && isVariable(parts.get(0).getText()))) {
            bailPoint();
        }
        effect();
    }

    private void explist(ExplistContext list) {
        for (ExpContext e : list.exp()) {
            exp(e);
        }
    }

    private void exp(ExpContext e) {
        if (e instanceof PrefixExpContext p) {
            suffixed(p.suffixedexp());
        } else if (e instanceof TableExpContext t) {
            table(t.tableconstructor());
        } else if (e instanceof FunctionExpContext) {
            effect();
        } else if (e instanceof AndExpContext a) {
            exp(a.exp(0));
            exp(a.exp(1));
        } else if (e instanceof OrExpContext o) {
            exp(o.exp(0));
            exp(o.exp(1));
        } else if (e instanceof UnaryExpContext u) {
            exp(u.exp());
            if (!u.op.getText().equals("not")) {
                bailPoint();
            }
        } else if (e instanceof ConcatExpContext c) {
            exp(c.exp(0));
            exp(c.exp(1));
            bailPoint();
            effect(); // the new string (charged to the budget)
        } else if (e instanceof CompareExpContext c && (c.op.getText().equals("==") || c.op.getText().equals("~="))
                && (isLiteral(c.exp(0)) || isLiteral(c.exp(1)))) {
            exp(c.exp(0)); // __eq runs only between two tables (or two full userdata)
            exp(c.exp(1));
        } else if (e instanceof PowExpContext || e instanceof MulExpContext || e instanceof AddExpContext
                || e instanceof ShiftExpContext || e instanceof BandExpContext || e instanceof BxorExpContext
                || e instanceof BorExpContext || e instanceof CompareExpContext) {
            for (ExpContext operand : e.getRuleContexts(ExpContext.class)) {
                exp(operand);
            }
            bailPoint();
        }
        // nil, booleans, numbers, strings and ... only read.
    }

    private static boolean isLiteral(ExpContext e) {
        return e instanceof NilExpContext || e instanceof FalseExpContext || e instanceof TrueExpContext
                || e instanceof NumberExpContext || e instanceof StringExpContext;
    }

    private void suffixed(SuffixedexpContext s) {
        primary(s.primaryexp());
        for (SuffixContext x : s.suffix()) {
            suffix(x);
        }
    }

    private void primary(PrimaryexpContext p) {
        if (p instanceof NamePrimaryContext n) {
            if (!isVariable(n.NAME().getText())) {
                bailPoint(); // a global: _ENV's __index
            }
        } else if (p instanceof ParenPrimaryContext paren) {
            exp(paren.exp());
        }
    }

    private void suffix(SuffixContext x) {
        if (x instanceof IndexSuffixContext i) {
            exp(i.exp());
            bailPoint();
        } else if (x instanceof FieldSuffixContext) {
            bailPoint();
        } else if (x instanceof MethodSuffixContext m) {
            bailPoint(); // the method's lookup
            bailPoint(); // the callee, checked before the arguments
            args(m.args());
            effect();
        } else if (x instanceof CallSuffixContext c) {
            bailPoint(); // the callee, checked before the arguments
            args(c.args());
            effect();
        }
    }

    private void args(ArgsContext a) {
        if (a instanceof ParenArgsContext p) {
            if (p.explist() != null) {
                explist(p.explist());
            }
        } else if (a instanceof TableArgsContext t) {
            table(t.tableconstructor());
        }
    }

    private void table(TableconstructorContext t) {
        effect(); // the table (charged to the budget); its fields are stored raw
        for (FieldContext f : ExpressionTranslator.fieldsOf(t)) {
            for (ExpContext e : f.getRuleContexts(ExpContext.class)) {
                exp(e);
            }
        }
    }
}
