package dev.moat.language.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatLanguage;

/** The root of a builtin function: runs the builtin node; its name is the one used in error messages. */
public final class BuiltinRootNode extends RootNode {
    @Child private BuiltinNode body;
    private final String name;

    public BuiltinRootNode(MoatLanguage language, BuiltinNode body, String name) {
        super(language);
        this.body = body;
        this.name = name;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return body.execute(frame);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return "builtin " + name;
    }

    @Override
    public boolean isCloningAllowed() {
        return true;
    }
}
