package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.budget.SizeModel;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.nodes.table.MetamethodLookupNode;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * A chain {@code a .. b .. c}, flattened by the translator so that long chains neither recurse nor copy
 * quadratically. Cost model: each concatenation is charged its full result in memory (see SizeModel)
 * and 1 instruction per 256 bytes of it (the copy, a memcpy). Operands are evaluated left to right; then, as concatenation is right-associative,
 * values are joined from the right: runs of strings and numbers are concatenated directly (lazily, as
 * TruffleString ropes), and {@code __concat} is called pairwise where an operand needs it.
 */
public final class ConcatNode extends MoatExpressionNode {
    @Children private final MoatExpressionNode[] operands;
    private final String[] descriptions;
    @Child private TruffleString.ConcatNode concat = TruffleString.ConcatNode.create();
    @Child private InvokeNode invoke;
    @Child private MetamethodLookupNode concatLookup;
    /**
     * Whether a chain of three or more has met an operand other than a string or a number (a {@code __concat}
     * operand, an error): only then is the pairwise path compiled, one concatenation per pair. For a chain of
     * strings it was dead code two thirds of the compiled size (four operands: 881 -> 289 nodes).
     */
    private final BranchProfile pairwiseChain = BranchProfile.create();
    /** Numbers among the operands: their conversion is compiled only at chains that met one. */
    private final BranchProfile numberOperands = BranchProfile.create();

    public ConcatNode(MoatExpressionNode[] operands, String[] descriptions) {
        this.operands = operands;
        this.descriptions = descriptions;
    }

    @Override
    @ExplodeLoop
    public Object execute(VirtualFrame frame) {
        Object[] values = new Object[operands.length];
        for (int i = 0; i < operands.length; i++) {
            values[i] = operands[i].execute(frame);
        }
        MoatContext context = MoatContext.get(this);
        if (operands.length > 2) {
            Object all = concatAllStrings(context, values);
            if (all != null) {
                return all;
            }
            pairwiseChain.enter();
        }
        Object acc = values[values.length - 1];
        for (int i = values.length - 2; i >= 0; i--) {
            acc = concatPair(frame, context, values[i], acc, i);
        }
        return acc;
    }

    /** A chain of strings and numbers only: one charge for the result, one left-to-right build. */
    private Object concatAllStrings(MoatContext context, Object[] values) {
        TruffleString[] strings = new TruffleString[values.length];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            TruffleString s = asString(values[i]);
            if (s == null) {
                return null;
            }
            strings[i] = s;
            total += s.byteLength(MoatStrings.ENCODING);
        }
        context.budget.allocate(SizeModel.string(total), this);
        context.budget.charge(total >> 8, this); // copying the bytes is work too, not only memory
        if (total > Integer.MAX_VALUE - 16) {
            throw MoatError.at(this, "string length overflow");
        }
        TruffleString acc = strings[0];
        for (int i = 1; i < strings.length; i++) {
            acc = concat.execute(acc, strings[i], MoatStrings.ENCODING, true);
        }
        return acc;
    }

    private Object concatPair(VirtualFrame frame, MoatContext context, Object a, Object b, int index) {
        TruffleString sa = asString(a);
        TruffleString sb = asString(b);
        if (sa != null && sb != null) {
            int la = sa.byteLength(MoatStrings.ENCODING);
            int lb = sb.byteLength(MoatStrings.ENCODING);
            // Charged as a full new string (what Lua allocates, and what TruffleString materialises).
            context.budget.allocate(SizeModel.string((long) la + lb), this);
            context.budget.charge(((long) la + lb) >> 8, this);
            if ((long) la + lb > Integer.MAX_VALUE - 16) {
                throw MoatError.at(this, "string length overflow");
            }
            return concat.execute(sa, sb, MoatStrings.ENCODING, true);
        }
        return concatMeta(frame, context, a, b, index);
    }

    private TruffleString asString(Object v) {
        if (v instanceof TruffleString s) {
            return s;
        }
        if (v instanceof Long || v instanceof Double) {
            numberOperands.enter();
            return LuaValues.numberToString(v);
        }
        return null;
    }

    private Object concatMeta(VirtualFrame frame, MoatContext context, Object a, Object b, int index) {
        MetamethodLookupNode lookup = concatLookup;
        if (lookup == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            lookup = concatLookup = insert(MetamethodLookupNode.create(Metatables.CONCAT));
        }
        Object handler = lookup.findEither(context, a, b);
        if (handler == null) {
            boolean blameFirst = asString(a) == null;
            throw concatError(blameFirst ? a : b, blameFirst ? descriptions[index] : (index + 1 == operands.length - 1 ? descriptions[index + 1] : null), this);
        }
        if (invoke == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            invoke = insert(InvokeNode.create());
        }
        return MultiValue.first(invoke.callWith(frame, handler, a, b, "metamethod 'concat'"));
    }

    @TruffleBoundary
    private static MoatError concatError(Object bad, String description, Node site) {
        return MoatError.at(site, "attempt to concatenate a " + LuaValues.objTypeName(bad) + " value"
                + (description == null ? "" : " (" + description + ")"));
    }
}
