package dev.moat.language.nodes.expression;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.ConditionProfile;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.LuaValues;

/** {@code not}, {@code and}, {@code or}: Lua's truthiness (only nil and false are false). */
public final class LogicNodes {
    private LogicNodes() {
    }

    public static final class NotNode extends MoatExpressionNode {
        @Child private MoatExpressionNode operand;

        public NotNode(MoatExpressionNode operand) {
            this.operand = operand;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return !LuaValues.isTruthy(operand.execute(frame));
        }

        @Override
        public boolean executeBoolean(VirtualFrame frame) {
            return !LuaValues.isTruthy(operand.execute(frame));
        }
    }

    /** {@code a and b}: a if a is false/nil, else b. */
    public static final class AndNode extends MoatExpressionNode {
        @Child private MoatExpressionNode left;
        @Child private MoatExpressionNode right;
        private final ConditionProfile profile = ConditionProfile.createCountingProfile();

        public AndNode(MoatExpressionNode left, MoatExpressionNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object l = left.execute(frame);
            if (profile.profile(LuaValues.isTruthy(l))) {
                return right.execute(frame);
            }
            return l;
        }
    }

    /** {@code a or b}: a if a is truthy, else b. */
    public static final class OrNode extends MoatExpressionNode {
        @Child private MoatExpressionNode left;
        @Child private MoatExpressionNode right;
        private final ConditionProfile profile = ConditionProfile.createCountingProfile();

        public OrNode(MoatExpressionNode left, MoatExpressionNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object l = left.execute(frame);
            if (profile.profile(LuaValues.isTruthy(l))) {
                return l;
            }
            return right.execute(frame);
        }
    }
}
