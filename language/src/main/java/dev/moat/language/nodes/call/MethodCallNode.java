package dev.moat.language.nodes.call;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.nodes.table.IndexGetNode;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MultiValue;

/**
 * A method call {@code obj:name(args)}: evaluates {@code obj} once, looks up {@code name} through
 * {@code __index} like any field read, and passes {@code obj} as the first argument.
 */
public final class MethodCallNode extends MoatExpressionNode {
    @Child private MoatExpressionNode receiver;
    @Child private ArgumentsNode arguments;
    @Child private IndexGetNode lookup = IndexGetNode.create();
    @Child private InvokeNode invoke = InvokeNode.createForCallExpression();
    private final TruffleString name;
    private final int nameHash;
    private final String receiverDescription;
    private final String methodDescription;
    private final boolean multiResult;

    public MethodCallNode(MoatExpressionNode receiver, TruffleString name, String javaName, ArgumentsNode arguments,
                          boolean multiResult, String receiverDescription) {
        this.receiver = receiver;
        this.name = name;
        this.nameHash = dev.moat.language.runtime.MoatTable.keyHash(name);
        this.arguments = arguments;
        this.multiResult = multiResult;
        this.receiverDescription = receiverDescription;
        this.methodDescription = "method '" + javaName + "'";
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object self = receiver.execute(frame);
        Object method = lookup.getField(frame, self, name, nameHash, this, receiverDescription);
        invoke.beforeArguments(frame, method);
        Object[] argv = arguments.evaluate(frame, self);
        Object result = invoke.call(frame, method, argv, this, methodDescription);
        return multiResult ? result : MultiValue.first(result);
    }

    Object[] prepare(VirtualFrame frame) {
        Object self = receiver.execute(frame);
        Object method = lookup.getField(frame, self, name, nameHash, this, receiverDescription);
        invoke.beforeArguments(frame, method);
        Object[] argv = arguments.evaluate(frame, self);
        argv[CallArguments.CALLEE] = method;
        return argv;
    }

    public String getMethodDescription() {
        return methodDescription;
    }
}
