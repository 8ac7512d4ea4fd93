package dev.moat.language.translator;

import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.BlockNode;
import dev.moat.language.nodes.controlflow.LabelLoopNode;
import dev.moat.language.nodes.controlflow.LabelTargetNode;
import dev.moat.language.nodes.controlflow.LabeledBlockNode;
import dev.moat.language.nodes.local.ClearLocalsNode;
import dev.moat.language.translator.FunctionScope.Label;
import dev.moat.language.translator.FunctionScope.PartExit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a block with labels into fixed nesting: a label that gotos jump forward to becomes a
 * {@link LabelTargetNode} around the statements before it, a label that gotos jump back to a
 * {@link LabelLoopNode} around the statements after it. Every goto then leaves the nodes it is in until
 * one catches its label, and what runs next is fixed code, which partial evaluation compiles like any
 * other control flow. (A resumption at a statement index known only at run time, {@link LabeledBlockNode},
 * made compiled code call the statements through their array, so the frame escaped: 288 bytes per
 * iteration of a loop with a {@code goto continue}.)
 *
 * <p>Nesting needs the regions to nest: a label that gotos jump back to starts a loop that runs to the
 * block's end, so a forward goto from before that loop to a label inside it cannot be expressed. Such
 * blocks (and labels jumped to in both directions from before a loop) keep {@link LabeledBlockNode}.
 *
 * <p>Charges are those of the resumption model: the block's statement count on entry, and at each goto
 * the statements from its label to the block's end (at least 1).
 */
final class LabeledBlocks {
    /** A label as the structure sees it: its goto identity, position, and the gotos that jump to it. */
    private record Target(Object identity, int at, boolean backward, int firstForwardSource) {
        boolean jumpedForwardTo() {
            return firstForwardSource != Integer.MAX_VALUE;
        }
    }

    private final MoatStatementNode[] statements;
    private final List<Target> targets;

    private LabeledBlocks(MoatStatementNode[] statements, List<Target> targets) {
        this.statements = statements;
        this.targets = targets;
    }

    /**
     * The block's node: {@code statements} with {@code labels} (in order) and the gotos of {@code exits}
     * (to the end of a later part of the block, see PartExit), then {@code end} (may be null) when the
     * block ends normally.
     */
    static MoatStatementNode build(MoatStatementNode[] statements, List<Label> labels, List<PartExit> exits,
                                   ClearLocalsNode end) {
        int n = statements.length;
        List<Target> targets = new ArrayList<>();
        for (Label label : labels) {
            targets.add(new Target(label, label.statementIndex, label.backward, label.firstForwardSource));
        }
        for (PartExit exit : exits) {
            // A goto to the end of the whole block leaves this part: a forward label after its last statement.
            targets.add(new Target(exit.label(), n, false, exit.source()));
        }
        LabeledBlocks blocks = new LabeledBlocks(statements, targets);
        if (!blocks.nests()) {
            return resumingAtIndex(statements, targets);
        }
        List<MoatStatementNode> top = blocks.loopsAt(0, blocks.from(0));
        if (end != null) {
            top.add(end);
        }
        return new BlockNode(top.toArray(new MoatStatementNode[0]), Math.max(1, n));
    }

    /** Takes the scope's gotos that leave block part {@code part} for a label at the end of a later part. */
    static List<PartExit> partExitsOf(FunctionScope.BlockScope scope, int part) {
        List<PartExit> exits = new ArrayList<>();
        for (PartExit exit : scope.partExits) {
            if (exit.part() == part) {
                exits.add(exit);
            }
        }
        scope.partExits.removeAll(exits);
        return exits;
    }

    /** The general form: resumes at the label's statement index (see the class comment). */
    private static MoatStatementNode resumingAtIndex(MoatStatementNode[] statements, List<Target> targets) {
        Object[] identities = new Object[targets.size()];
        int[] index = new int[targets.size()];
        for (int i = 0; i < identities.length; i++) {
            identities[i] = targets.get(i).identity();
            index[i] = targets.get(i).at();
        }
        return new LabeledBlockNode(statements, identities, index);
    }

    /** Every forward goto starts inside the loop (or the loop-free start) that contains its label. */
    private boolean nests() {
        for (Target target : targets) {
            if (target.jumpedForwardTo() && target.firstForwardSource() < loopStartBefore(target.at())) {
                return false;
            }
        }
        return true;
    }

    /** Where the innermost loop containing position {@code at} starts: the last backward label strictly before it, or 0. */
    private int loopStartBefore(int at) {
        int start = 0;
        for (Target other : targets) {
            if (other.backward() && other.at() < at) {
                start = Math.max(start, other.at());
            }
        }
        return start;
    }

    /**
     * The nodes for statements {@code [start, n)}, where {@code start} is 0 or the position of labels
     * jumped back to (the caller builds their loops around the result).
     */
    private List<MoatStatementNode> from(int start) {
        int n = statements.length;
        int loopAt = n;
        for (Target target : targets) {
            if (target.backward() && target.at() > start) {
                loopAt = Math.min(loopAt, target.at());
            }
        }
        // The loop-free stretch [start, loopAt): each forward label in (start, loopAt] wraps everything
        // before it from start on, so the targets nest, innermost (earliest) first.
        List<Target> forward = new ArrayList<>();
        for (Target target : targets) {
            if (target.jumpedForwardTo() && target.at() > start && target.at() <= loopAt) {
                forward.add(target);
            }
        }
        forward.sort(Comparator.comparingInt(Target::at));
        List<MoatStatementNode> current = new ArrayList<>();
        int next = start;
        for (Target target : forward) {
            addStatements(current, next, target.at());
            next = target.at();
            LabelTargetNode node = new LabelTargetNode(sequence(current), target.identity(), resumeCharge(target.at()));
            current = new ArrayList<>();
            current.add(node);
        }
        addStatements(current, next, loopAt);
        if (loopAt < n) {
            current.addAll(loopsAt(loopAt, from(loopAt)));
        }
        return current;
    }

    /** {@code body} (the statements from {@code at} on) inside the loops of the labels at {@code at} jumped back to. */
    private List<MoatStatementNode> loopsAt(int at, List<MoatStatementNode> body) {
        List<MoatStatementNode> result = body;
        for (Target target : targets) {
            if (target.backward() && target.at() == at) {
                result = new ArrayList<>();
                result.add(new LabelLoopNode(sequence(body), target.identity(), resumeCharge(at)));
                body = result;
            }
        }
        return result;
    }

    private void addStatements(List<MoatStatementNode> into, int from, int to) {
        into.addAll(Arrays.asList(statements).subList(from, to));
    }

    /** A plain sequence (no charge of its own: the block charged on entry, the labels on resumption). */
    private static MoatStatementNode sequence(List<MoatStatementNode> nodes) {
        return nodes.size() == 1 ? nodes.get(0) : new BlockNode(nodes.toArray(new MoatStatementNode[0]), 0);
    }

    /** What a goto to position {@code at} charges: the statements from there to the block's end, at least 1. */
    private int resumeCharge(int at) {
        return Math.max(1, statements.length - at);
    }
}
