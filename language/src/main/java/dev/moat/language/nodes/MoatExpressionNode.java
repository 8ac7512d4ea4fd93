package dev.moat.language.nodes;

import com.oracle.truffle.api.dsl.TypeSystemReference;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.runtime.TaggedNumber;

/**
 * An expression. {@link #execute} returns a guest value; nodes marked multi-valued (calls and
 * {@code ...} in the last position of a list) may return an {@code Object[]} of several values.
 * Typed execute methods let arithmetic and loops stay unboxed.
 */
@TypeSystemReference(MoatTypes.class)
public abstract class MoatExpressionNode extends MoatNode {
    public abstract Object execute(VirtualFrame frame);

    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        return MoatTypesGen.expectLong(execute(frame));
    }

    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        return MoatTypesGen.expectDouble(execute(frame));
    }

    public boolean executeBoolean(VirtualFrame frame) throws UnexpectedResultException {
        return MoatTypesGen.expectBoolean(execute(frame));
    }

    /**
     * The value as a {@link TaggedNumber}, for a parent that computes on both subtypes at one site
     * (TaggedArithNode); a value that is not a number comes back in the exception. Nodes whose value is
     * such a merge override this to hand it over without boxing.
     */
    public TaggedNumber executeTagged(VirtualFrame frame) throws UnexpectedResultException {
        return TaggedNumber.expect(execute(frame));
    }

    /**
     * Whether {@link #executeTagged} hands over a number of either subtype without a box (a field read, a
     * tagged arithmetic result), rather than taking apart the box {@link #execute} made: only then does a
     * parent gain by taking this operand tagged (see nodes.expression.OperandSubtypes).
     */
    public boolean yieldsTaggedUnboxed() {
        return false;
    }
}
