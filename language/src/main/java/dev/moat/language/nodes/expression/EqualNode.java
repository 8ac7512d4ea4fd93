package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.dsl.Fallback;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaArith;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * {@code ==} and (with {@code negate}) {@code ~=}. Numbers compare by mathematical value across
 * subtypes; two distinct tables consult {@code __eq} (first operand's, then second's).
 */
public abstract class EqualNode extends BinaryNode {
    protected final boolean negate;

    protected EqualNode(boolean negate) {
        this.negate = negate;
    }

    protected static final TruffleString EQ_EVENT = Metatables.EQ;

    /** As CompareNode#noteSubtypes: a site whose operand has had both number subtypes becomes tagged. */
    private void noteSubtypes(boolean leftFloat, boolean rightFloat) {
        if (operandsWantTagging(leftFloat, rightFloat)) {
            replaceWithTagged(TaggedCompareNode.equality(negate, getLeft(), getRight(),
                    withoutOperands(EqualNodeGen.create(negate, null, null))));
        }
    }

    @Specialization
    protected boolean doLong(long a, long b) {
        noteSubtypes(false, false);
        return (a == b) != negate;
    }

    @Specialization
    protected boolean doDouble(double a, double b) {
        noteSubtypes(true, true);
        return (a == b) != negate;
    }

    @Specialization
    protected boolean doLongDouble(long a, double b) {
        noteSubtypes(false, true);
        return LuaArith.eq(a, b) != negate;
    }

    @Specialization
    protected boolean doDoubleLong(double a, long b) {
        noteSubtypes(true, false);
        return LuaArith.eq(b, a) != negate;
    }

    @Specialization
    protected boolean doString(TruffleString a, TruffleString b, @Cached TruffleString.EqualNode equal) {
        if (a == b) {
            return !negate; // interned constants, type()'s names (see MoatLanguage#intern)
        }
        if (a.byteLength(MoatStrings.ENCODING) == b.byteLength(MoatStrings.ENCODING)) {
            CompareNode.chargeStringWork(a, b, this); // only equal lengths are compared byte by byte
        }
        return equal.execute(a, b, MoatStrings.ENCODING) != negate;
    }

    @Specialization
    protected boolean doTables(VirtualFrame frame, MoatTable a, MoatTable b, @Cached("create()") InvokeNode invoke,
                               @Cached("create(EQ_EVENT)") MetamethodLookupNode eq) {
        if (a == b) {
            return !negate;
        }
        if (a.getMetatable() == null && b.getMetatable() == null) {
            return negate;
        }
        Object handler = eq.findEither(MoatContext.get(this), a, b);
        if (handler == null) {
            return negate;
        }
        return LuaValues.isTruthy(MultiValue.first(invoke.callWith(frame, handler, a, b, "metamethod 'eq'"))) != negate;
    }

    @Fallback
    protected boolean doGeneric(Object a, Object b) {
        return LuaEquality.rawEquals(a, b) != negate;
    }
}
