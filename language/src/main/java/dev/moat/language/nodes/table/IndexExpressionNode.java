package dev.moat.language.nodes.table;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.ImportStatic;
import com.oracle.truffle.api.dsl.NodeChild;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.ArrayElements;
import dev.moat.language.runtime.MoatTable;

/**
 * The expression {@code obj[key]}. An integer key into an unboxed array part (see
 * {@code ArrayStorage}) reads the element without boxing it, so {@code a[i] * b[j]} stays in
 * registers in compiled code; a present element of the general strategy is one load. Everything else
 * (holes, absent keys, metatables, strings, float keys) goes through {@link IndexGetNode}.
 */
@NodeChild(value = "object", type = MoatExpressionNode.class)
@NodeChild(value = "key", type = MoatExpressionNode.class)
@ImportStatic(ArrayElements.class)
public abstract class IndexExpressionNode extends MoatExpressionNode {
    protected final String description;

    protected IndexExpressionNode(String description) {
        this.description = description;
    }

    public static IndexExpressionNode create(MoatExpressionNode object, MoatExpressionNode key, String description) {
        return IndexExpressionNodeGen.create(description, object, key);
    }

    /** An element that is present, so no metatable can be involved. */
    @Specialization(guards = "hasLongElement(table, index)")
    protected static long doLongElement(MoatTable table, long index) {
        return ArrayElements.longElement(table, index);
    }

    @Specialization(guards = "hasDoubleElement(table, index)")
    protected static double doDoubleElement(MoatTable table, long index) {
        return ArrayElements.doubleElement(table, index);
    }

    /** Present elements of the general strategy (tables of tables, strings, mixed numbers). */
    @Specialization(guards = "hasObjectElement(table, index)")
    protected static Object doObjectElement(MoatTable table, long index) {
        return ArrayElements.objectElement(table, index);
    }

    @Fallback
    protected Object doGeneric(VirtualFrame frame, Object object, Object key, @Cached("create()") IndexGetNode get) {
        return get.get(frame, object, key, this, description);
    }
}
