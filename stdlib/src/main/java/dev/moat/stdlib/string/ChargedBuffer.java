package dev.moat.stdlib.string;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.Budget;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.builtins.BuiltinNode;
import dev.moat.language.runtime.ByteSink;


/**
 * The growing result of a builtin such as gsub. Bulk pieces (replacements, captures, callback results)
 * are charged to the memory and instruction budgets before they are copied in, so a result that would
 * outgrow the budget stops at the budget instead of first filling the host heap (SECURITY.md E3/P4).
 * Single bytes copied from the subject are settled at the end; they are bounded by the subject's size.
 * In total the result is charged as one string of its final length, plus 1 instruction per 64 bytes.
 */
final class ChargedBuffer {
    private final BuiltinNode node;
    /** Looked up once: from Java code behind a boundary each context lookup is a thread-local read. */
    private final Budget budget;
    private final ByteSink out = new ByteSink();
    private long chargedBytes;

    ChargedBuffer(BuiltinNode node) {
        this.node = node;
        this.budget = MoatContext.get(node).budget;
    }

    @TruffleBoundary
    void write(int b) {
        out.write(b);
    }

    /** Charges {@code len} bytes, then copies them. */
    @TruffleBoundary
    void writeCharged(byte[] b, int off, int len) {
        budget.allocate(len, node);
        budget.charge(len >> 6, node);
        chargedBytes += len;
        out.write(b, off, len);
    }

    /** Copies bytes that are already paid for (the unmatched rest of the subject, settled by {@link #finish}). */
    @TruffleBoundary
    void writeUncharged(byte[] b, int off, int len) {
        out.write(b, off, len);
    }

    /** The result, after charging what was not charged yet (one string header, the uncharged bytes). */
    @TruffleBoundary
    ByteSink finish() {
        long rest = out.size() - chargedBytes;
        budget.allocate(SizeModel.string(rest), node);
        budget.charge(1 + rest / 64, node);
        return out;
    }
}
