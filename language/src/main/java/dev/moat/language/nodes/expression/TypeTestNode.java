package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinRootNode;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.call.CallNode;
import dev.moat.language.nodes.call.SiteBuiltin;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.LuaValues;
import dev.moat.language.runtime.MoatStrings;

/**
 * {@code type(x) == "table"} (or {@code ~=}, either side): a call of one argument compared with a literal that
 * names a Lua type. When the callee is the {@code type} builtin, the site tests the value's type itself: the
 * call would return one of eight shared strings, and the equality then compared its bytes with the literal's
 * (the lengths of "number" and "string" are equal), ten loads and as many tests where a class test does
 * (a loop of such tests ran in 1.8x LuaJIT's time, 1.3x this way). The call is counted as a builtin's call at
 * a call expression (one instruction), and comparing short strings charges nothing, so the count is the same either way. Any other
 * callee is called and its result compared with the literal as {@code ==} compares strings, and the site stays
 * on that path (one deoptimisation).
 */
public final class TypeTestNode extends MoatExpressionNode {
    @Child private CallNode call;
    @Child private TruffleString.EqualNode equal;
    private final TruffleString name;
    private final int typeIndex;
    private final boolean negate;

    /** Whether this site's callee is the type builtin (see SiteBuiltin). */
    @Child private SiteBuiltin typeBuiltin = new SiteBuiltin(BuiltinRootNode::isType);

    private TypeTestNode(CallNode call, TruffleString name, int typeIndex, boolean negate) {
        this.call = call;
        this.name = name;
        this.typeIndex = typeIndex;
        this.negate = negate;
    }

    /**
     * The test for {@code left == right} ({@code ~=} if {@code negate}) if one side is a call of one argument
     * and the other a literal naming a type, else null (translation time).
     */
    public static TypeTestNode fuse(MoatExpressionNode left, MoatExpressionNode right, boolean negate) {
        if (left instanceof LiteralNode && right instanceof CallNode) {
            return fuse(right, left, negate); // a literal has no effects to order
        }
        if (left instanceof CallNode c && c.onlyArgument() != null && right instanceof LiteralNode lit
                && lit.getValue() instanceof TruffleString s) {
            int index = LuaValues.typeIndexOfName(MoatStrings.toJava(s));
            if (index >= 0) {
                return new TypeTestNode(c, s, index, negate);
            }
        }
        return null;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return executeBoolean(frame);
    }

    @Override
    public boolean executeBoolean(VirtualFrame frame) {
        Object callee = call.evaluateCallee(frame);
        Object[] argv = call.evaluateArguments(frame);
        if (typeBuiltin.match(callee, true) != null) {
            MoatContext.get(this).budget.count(1);
            return LuaValues.hasType(argv[CallArguments.FIRST], typeIndex) != negate;
        }
        Object result = call.callEvaluated(frame, callee, argv);
        return (result instanceof TruffleString s && equal().execute(s, name, MoatStrings.ENCODING)) != negate;
    }

    private TruffleString.EqualNode equal() {
        if (equal == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            equal = insert(TruffleString.EqualNode.create());
        }
        return equal;
    }
}
