package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.CallArguments;

/**
 * Evaluates an expression list into an array, left to right, leaving {@code offset} leading slots free
 * (a call's callee and level, see CallArguments, and a method's self). If the last expression is
 * multi-valued (a call or {@code ...}), all its values are appended, as Lua adjusts argument lists.
 */
public final class ArgumentsNode extends Node {
    @Children private final MoatExpressionNode[] expressions;
    private final boolean lastIsMulti;
    private final int offset;
    /** Where a method call's receiver goes: its first Lua argument. */
    private static final int SELF = CallArguments.FIRST;

    public ArgumentsNode(MoatExpressionNode[] expressions, boolean lastIsMulti, int offset) {
        this.expressions = expressions;
        this.lastIsMulti = lastIsMulti && expressions.length > 0;
        this.offset = offset;
    }

    public int fixedCount() {
        return expressions.length;
    }

    /** The only expression of a list of one single-valued expression, else null (translation time). */
    public MoatExpressionNode onlyExpression() {
        return expressions.length == 1 && !lastIsMulti ? expressions[0] : null;
    }

    @ExplodeLoop
    public Object[] evaluate(VirtualFrame frame, Object self) {
        int n = expressions.length;
        if (!lastIsMulti) {
            Object[] out = new Object[offset + n];
            if (offset == SELF + 1) {
                out[SELF] = self;
            }
            for (int i = 0; i < n; i++) {
                out[offset + i] = expressions[i].execute(frame);
            }
            return out;
        }
        Object[] head = new Object[n - 1];
        for (int i = 0; i < n - 1; i++) {
            head[i] = expressions[i].execute(frame);
        }
        Object last = expressions[n - 1].execute(frame);
        Object[] out;
        if (last instanceof Object[] values) {
            out = new Object[offset + n - 1 + values.length];
            System.arraycopy(values, 0, out, offset + n - 1, values.length);
        } else {
            out = new Object[offset + n];
            out[offset + n - 1] = last;
        }
        if (offset == SELF + 1) {
            out[SELF] = self;
        }
        System.arraycopy(head, 0, out, offset, n - 1);
        return out;
    }
}
