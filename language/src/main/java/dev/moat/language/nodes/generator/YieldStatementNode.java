package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.GeneratorYield;

/**
 * {@code coroutine.yield(...)} as a statement of a generator body, the usual place of a direct yield. A
 * suspension leaves it as the result {@link GeneratorRootNode#SUSPENDED}, which every container hands up as it
 * hands up a {@code return}'s value, so the root sees it without an exception: in Truffle's interpreter, where
 * HotSpot looks up a handler in every Java frame an exception passes, that throw was most of a yield's cost.
 * The marks of the way back are written before (see YieldPaths); a caller that runs this statement for no
 * result gets the exception, as a yield inside an expression throws it.
 */
public final class YieldStatementNode extends MoatStatementNode {
    @Child private DirectYieldNode yield;

    public YieldStatementNode(DirectYieldNode yield) {
        this.yield = yield;
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        return yield.runAsStatement(frame);
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        if (yield.runAsStatement(frame) != null) {
            throw GeneratorYield.INSTANCE;
        }
    }
}
