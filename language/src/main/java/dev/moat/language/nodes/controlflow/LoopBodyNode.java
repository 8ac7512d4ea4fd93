package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RepeatingNode;
import dev.moat.language.nodes.MoatNode;
import dev.moat.language.nodes.MoatStatementNode;

/**
 * What the loops' iteration nodes share ({@code while}/{@code repeat}, numeric and generic {@code for}): the
 * loop's body and, in a generator body, the loop's resume point, where a yield inside the body leaves mark 1
 * (see ResumePoints); the loop's other parts (its condition, its iterator call) leave none for a yield. It may
 * have a source range of its own where Lua places the iteration's errors elsewhere than the loop statement.
 */
abstract class LoopBodyNode extends MoatNode implements RepeatingNode, ResumeContainer {
    @Child protected MoatStatementNode body;
    /** -1 outside generator bodies. */
    protected final int resumePoint;

    LoopBodyNode(MoatStatementNode body, int resumePoint) {
        this.body = body;
        this.resumePoint = resumePoint;
    }

    @Override
    public final int resumePoint() {
        return resumePoint;
    }

    @Override
    public final int yieldMark(Node child) {
        return child == body ? 1 : 0;
    }
}
