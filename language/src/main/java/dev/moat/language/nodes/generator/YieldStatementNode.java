package dev.moat.language.nodes.generator;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.nodes.controlflow.GeneratorYield;

/**
 * A direct yield run as a statement of its own: {@code coroutine.yield(...)} alone, or the yield whose results
 * an assignment or a local declaration takes, which the translator runs first into a hidden slot (it is the
 * first thing such a statement evaluates: name targets only). A suspension leaves this node as the result
 * {@link GeneratorRootNode#SUSPENDED}, which every container hands up as it hands up a {@code return}'s value,
 * so the root sees it without an exception: in Truffle's interpreter, where HotSpot looks up a handler in
 * every Java frame an exception passes, that throw was most of a yield's cost. The marks of the way back are
 * written before (see YieldPaths); a caller that runs this statement for no result gets the exception, as a
 * yield inside an expression throws it.
 */
public final class YieldStatementNode extends MoatStatementNode {
    @Child private DirectYieldNode yield;
    /** Where the yield's results go (read back as a hidden temp), or -1 to drop them. */
    private final int slot;

    public YieldStatementNode(DirectYieldNode yield, int slot) {
        this.yield = yield;
        this.slot = slot;
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        Object result = yield.runSuspending(frame);
        if (result == GeneratorRootNode.SUSPENDED) {
            return result;
        }
        if (slot >= 0) {
            frame.setObject(slot, result);
        }
        return null;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        if (runReturning(frame) != null) {
            throw GeneratorYield.INSTANCE;
        }
    }
}
