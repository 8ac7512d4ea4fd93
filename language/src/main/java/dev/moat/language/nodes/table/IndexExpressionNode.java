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
 * (holes, absent keys, metatables, strings, floats without an integer value) goes through {@link IndexGetNode}.
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

    /**
     * The same elements read with a float key that has an integer value (see ArrayElements#floatIndex): in
     * the generic path such a read cost ten times an integer one.
     */
    @Specialization(guards = "hasLongElement(table, floatIndex(key))")
    protected static long doLongElementFloatKey(MoatTable table, double key) {
        return ArrayElements.longElement(table, ArrayElements.floatIndex(key));
    }

    @Specialization(guards = "hasDoubleElement(table, floatIndex(key))")
    protected static double doDoubleElementFloatKey(MoatTable table, double key) {
        return ArrayElements.doubleElement(table, ArrayElements.floatIndex(key));
    }

    @Specialization(guards = "hasObjectElement(table, floatIndex(key))")
    protected static Object doObjectElementFloatKey(MoatTable table, double key) {
        return ArrayElements.objectElement(table, ArrayElements.floatIndex(key));
    }

    @Fallback
    protected Object doGeneric(VirtualFrame frame, Object object, Object key, @Cached("create()") IndexGetNode get) {
        return get.get(frame, object, key, this, description);
    }
}
