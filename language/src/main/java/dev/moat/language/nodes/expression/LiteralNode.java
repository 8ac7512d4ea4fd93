package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.UnexpectedResultException;
import dev.moat.language.nodes.MoatExpressionNode;

/**
 * Constants: nil, booleans, integers, floats and strings (TruffleStrings are immutable, so sharing is safe).
 * Strings are the language's interned constants, which interning registered as literals of code (see
 * MoatLanguage#intern and CodeLiterals).
 */
public final class LiteralNode extends MoatExpressionNode {
    private final Object value;

    public LiteralNode(Object value) {
        this.value = value;
    }

    public Object getValue() {
        return value;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return value;
    }

    @Override
    public long executeLong(VirtualFrame frame) throws UnexpectedResultException {
        if (value instanceof Long l) {
            return l;
        }
        throw new UnexpectedResultException(value);
    }

    @Override
    public double executeDouble(VirtualFrame frame) throws UnexpectedResultException {
        if (value instanceof Double d) {
            return d;
        }
        throw new UnexpectedResultException(value);
    }
}
