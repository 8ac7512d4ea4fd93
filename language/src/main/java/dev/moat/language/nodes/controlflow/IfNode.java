package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.profiles.ConditionProfile;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.LuaValues;

/** {@code if c then a else b end} ({@code elseif} chains nest in the else branch). */
public final class IfNode extends MoatStatementNode {
    @Child private MoatExpressionNode condition;
    @Child private MoatStatementNode thenPart;
    @Child private MoatStatementNode elsePart;
    private final ConditionProfile profile = ConditionProfile.createCountingProfile();

    public IfNode(MoatExpressionNode condition, MoatStatementNode thenPart, MoatStatementNode elsePart) {
        this.condition = condition;
        this.thenPart = thenPart;
        this.elsePart = elsePart;
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        if (profile.profile(LuaValues.isTruthy(condition.execute(frame)))) {
            return thenPart.runReturning(frame);
        } else if (elsePart != null) {
            return elsePart.runReturning(frame);
        }
        return null;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        if (profile.profile(LuaValues.isTruthy(condition.execute(frame)))) {
            thenPart.executeVoid(frame);
        } else if (elsePart != null) {
            elsePart.executeVoid(frame);
        }
    }
}
