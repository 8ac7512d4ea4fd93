package dev.moat.language.nodes.table;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.ImportStatic;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;

/**
 * The statement {@code obj[key] = value} with a single target. An integer stored at an integer key of
 * an unboxed integer array part (a float into a float part) is written without boxing, overwriting an
 * element or appending to a table without metatable, a non-nil value goes straight into a general
 * array part the same way, and nil stored at the last element shrinks the array part; everything else
 * (a store that changes the strategy, holes, other keys, {@code __newindex}) goes through
 * {@link IndexSetNode}.
 */
@NodeChild(value = "object", type = MoatExpressionNode.class)
@NodeChild(value = "key", type = MoatExpressionNode.class)
@NodeChild(value = "value", type = MoatExpressionNode.class)
@ImportStatic(ArrayElements.class)
public abstract class IndexAssignNode extends MoatStatementNode {
    protected final String description;

    protected IndexAssignNode(String description) {
        this.description = description;
    }

    public static IndexAssignNode create(MoatExpressionNode object, MoatExpressionNode key, MoatExpressionNode value,
                    String description) {
        return IndexAssignNodeGen.create(description, object, key, value);
    }

    /**
     * An element that is present overwritten in place: one store. Apart from the appending cases below, so
     * that a site that never appends (matrix code updating {@code c[i][j]}) compiles without the append's size
     * update and growth call, which in a loop made every iteration load the tables' array parts and sizes
     * again and test their types.
     */
    @Specialization(guards = "hasLongElement(table, index)")
    protected static void doLongOverwrite(MoatTable table, long index, long value) {
        ArrayElements.overwriteLongElement(table, index, value);
    }

    @Specialization(guards = "hasDoubleElement(table, index)")
    protected static void doDoubleOverwrite(MoatTable table, long index, double value) {
        ArrayElements.overwriteDoubleElement(table, index, value);
    }

    @Specialization(guards = "overwritesObjectElement(table, index, value)")
    protected static void doObjectOverwrite(MoatTable table, long index, Object value) {
        ArrayElements.overwriteObjectElement(table, index, value);
    }

    @Specialization(guards = "acceptsLongElement(table, index)")
    protected void doLongElement(MoatTable table, long index, long value) {
        if (ArrayElements.setLongElement(table, index, value)) {
            IndexSetNode.chargeNewEntry(this, this);
        }
    }

    @Specialization(guards = "acceptsDoubleElement(table, index)")
    protected void doDoubleElement(MoatTable table, long index, double value) {
        if (ArrayElements.setDoubleElement(table, index, value)) {
            IndexSetNode.chargeNewEntry(this, this);
        }
    }

    @Specialization(guards = "acceptsObjectElement(table, index, value)")
    protected void doObjectElement(MoatTable table, long index, Object value) {
        if (ArrayElements.setObjectElement(table, index, value)) {
            IndexSetNode.chargeNewEntry(this, this);
        }
    }

    /** The same elements written with a float key that has an integer value (see ArrayElements#floatIndex). */
    @Specialization(guards = "acceptsLongElement(table, floatIndex(key))")
    protected void doLongElementFloatKey(MoatTable table, double key, long value) {
        doLongElement(table, ArrayElements.floatIndex(key), value);
    }

    @Specialization(guards = "acceptsDoubleElement(table, floatIndex(key))")
    protected void doDoubleElementFloatKey(MoatTable table, double key, double value) {
        doDoubleElement(table, ArrayElements.floatIndex(key), value);
    }

    @Specialization(guards = "acceptsObjectElement(table, floatIndex(key), value)")
    protected void doObjectElementFloatKey(MoatTable table, double key, Object value) {
        doObjectElement(table, ArrayElements.floatIndex(key), value);
    }

    /** {@code t[#t] = nil}, the stack pop: shrinks the array part without a call. */
    @Specialization(guards = "isLastElement(table, index)")
    protected void doRemoveLast(MoatTable table, long index, MoatNil value) {
        table.removeLastElement();
    }

    @Fallback
    protected void doGeneric(VirtualFrame frame, Object object, Object key, Object value,
                             @Cached("create()") IndexSetNode set) {
        set.set(frame, object, key, value, this, description);
    }
}
