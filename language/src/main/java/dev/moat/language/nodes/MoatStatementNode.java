package dev.moat.language.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/** A statement: executed for its effect. Control transfer uses the exceptions in nodes.controlflow. */
public abstract class MoatStatementNode extends MoatNode {
    public abstract void executeVoid(VirtualFrame frame);
}
