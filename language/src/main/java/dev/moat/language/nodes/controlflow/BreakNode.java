package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatStatementNode;

/** {@code break}. */
public final class BreakNode extends MoatStatementNode {
    @Override
    public void executeVoid(VirtualFrame frame) {
        throw BreakException.INSTANCE;
    }
}
