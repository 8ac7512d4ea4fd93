package dev.moat.language.nodes.controlflow;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.ConditionProfile;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.MoatStatementNode;
import dev.moat.language.runtime.LuaValues;

/** {@code if c then a else b end} ({@code elseif} chains nest in the else branch). */
public final class IfNode extends MoatStatementNode implements ResumeContainer {
    @Child private MoatExpressionNode condition;
    @Child private MoatStatementNode thenPart;
    @Child private MoatStatementNode elsePart;
    private final ConditionProfile profile = ConditionProfile.createCountingProfile();
    /** -1, or the resume point of an if in a generator body: 1 = suspended in the then part, 2 = in the else part. */
    private final int resumePoint;

    public IfNode(MoatExpressionNode condition, MoatStatementNode thenPart, MoatStatementNode elsePart) {
        this(condition, thenPart, elsePart, -1);
    }

    public IfNode(MoatExpressionNode condition, MoatStatementNode thenPart, MoatStatementNode elsePart, int resumePoint) {
        this.condition = condition;
        this.thenPart = thenPart;
        this.elsePart = elsePart;
        this.resumePoint = resumePoint;
    }

    @Override
    public int resumePoint() {
        return resumePoint;
    }

    @Override
    public int yieldMark(Node child) {
        return child == thenPart ? 1 : child == elsePart ? 2 : 0;
    }

    @Override
    public Object runReturning(VirtualFrame frame) {
        if (resumePoint >= 0) {
            return runResumable(frame);
        }
        if (profile.profile(LuaValues.isTruthy(condition.execute(frame)))) {
            return thenPart.runReturning(frame);
        } else if (elsePart != null) {
            return elsePart.runReturning(frame);
        }
        return null;
    }

    private Object runResumable(VirtualFrame frame) {
        int mark = ResumePoints.mark(frame, resumePoint);
        // (The profiled condition must feed a branch directly, not a merged boolean.)
        if (mark == 1 || mark == 0 && profile.profile(LuaValues.isTruthy(condition.execute(frame)))) {
            return ResumePoints.run(frame, resumePoint, 1, thenPart);
        } else if (elsePart != null) {
            return ResumePoints.run(frame, resumePoint, 2, elsePart);
        }
        return null;
    }

    @Override
    public void executeVoid(VirtualFrame frame) {
        if (resumePoint >= 0) {
            Object result = runResumable(frame);
            if (result != null) {
                throw new ReturnException(result);
            }
            return;
        }
        if (profile.profile(LuaValues.isTruthy(condition.execute(frame)))) {
            thenPart.executeVoid(frame);
        } else if (elsePart != null) {
            elsePart.executeVoid(frame);
        }
    }
}
