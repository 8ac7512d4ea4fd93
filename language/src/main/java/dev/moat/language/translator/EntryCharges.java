package dev.moat.language.translator;

import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.BlockNode;
import dev.moat.language.nodes.generator.ResumableBlockNode;

/** How the translator merges a block's entry charge into the charge that always comes right before it. */
final class EntryCharges {
    private EntryCharges() {
    }

    /** What a call of a function with this body charges on entry: 1 for the call plus the body's entry charge. */
    static int callCharge(MoatStatementNode body) {
        return 1 + takeEntryCharge(body);
    }

    /**
     * Takes the entry charge of a block that always runs right after a charge of its own (a numeric
     * {@code for} or {@code repeat} iteration, a function's entry), which then pays both in one update
     * (see BlockNode). A block resumed at a statement index (LabeledBlockNode) keeps its charges: it charges
     * again at each label it is entered by.
     */
    static int takeEntryCharge(MoatStatementNode block) {
        if (block instanceof BlockNode b) {
            return b.takeEntryCharge();
        }
        if (block instanceof ResumableBlockNode r) {
            return r.takeEntryCharge();
        }
        return 0;
    }
}
