package dev.moat.language.builtins;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.CallArguments;

/** The root of a builtin function: runs the builtin node; its name is the one used in error messages. */
public final class BuiltinRootNode extends RootNode {
    @Child private BuiltinNode body;
    private final String name;
    private final String qualifiedName;

    /** {@code qualifiedName}: see {@link #getQualifiedName}. */
    public BuiltinRootNode(MoatLanguage language, BuiltinNode body, String name, String qualifiedName) {
        super(language);
        this.body = body;
        this.name = name;
        this.qualifiedName = qualifiedName;
    }

    /**
     * "string.rep": how Lua names a library function when no Lua call site names it; "?" for a builtin
     * no global or library field holds (see MoatBuiltin#anonymous).
     */
    public String getQualifiedName() {
        return qualifiedName;
    }

    /** True for the root of {@code coroutine.yield}. */
    public boolean isYield() {
        return body instanceof dev.moat.language.coroutine.YieldBuiltin;
    }

    /** True for builtins whose call can suspend the calling coroutine (see MayYield). */
    public boolean mayYield() {
        return body instanceof dev.moat.language.coroutine.MayYield;
    }

    /** True for the root of {@code type} (see nodes.expression.TypeTestNode). */
    public boolean isType() {
        return body instanceof BaseBuiltins.TypeNode;
    }

    /** The builtin as floor or ceil ({@link RoundsToInteger}), or null for any other. */
    public RoundsToInteger rounding() {
        return body instanceof RoundsToInteger r ? r : null;
    }

    /**
     * Publishes the level of the Lua function that called this builtin, where the builtin's own calls into
     * the script (and a coroutine switch) take it from: a builtin is not a level of its own, as in Lua
     * (see InvokeNode).
     */
    @Override
    public Object execute(VirtualFrame frame) {
        MoatContext.get(this).depth = CallArguments.callerLevel(frame.getArguments());
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
