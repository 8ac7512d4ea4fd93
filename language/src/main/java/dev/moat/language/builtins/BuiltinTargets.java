package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.NodeFactory;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates builtin functions from node factories. Call targets are made once per language and shared by
 * all contexts (builtin nodes hold no guest state); each context gets its own function values.
 */
public final class BuiltinTargets {
    private final MoatLanguage language;
    private final ConcurrentHashMap<NodeFactory<?>, RootCallTarget> targets = new ConcurrentHashMap<>();

    public BuiltinTargets(MoatLanguage language) {
        this.language = language;
    }

    @TruffleBoundary
    public RootCallTarget target(NodeFactory<? extends BuiltinNode> factory) {
        return target(factory, null);
    }

    @TruffleBoundary
    public RootCallTarget target(NodeFactory<? extends BuiltinNode> factory, String library) {
        return targets.computeIfAbsent(factory, f -> create(factory, library));
    }

    private RootCallTarget create(NodeFactory<? extends BuiltinNode> factory, String library) {
        MoatBuiltin info = factory.getNodeClass().getAnnotation(MoatBuiltin.class);
        if (info == null) {
            throw new IllegalStateException("builtin without @MoatBuiltin: " + factory.getNodeClass());
        }
        MoatExpressionNode[] args;
        if (info.variadic()) {
            args = new MoatExpressionNode[]{new ReadAllArgsNode()};
        } else {
            int arity = factory.getExecutionSignature().size();
            args = new MoatExpressionNode[arity];
            for (int i = 0; i < arity; i++) {
                args[i] = new ReadArgNode(i);
            }
        }
        BuiltinNode node = factory.createNode((Object) args);
        return new BuiltinRootNode(language, node, info.name(), library).getCallTarget();
    }

    /** A function value for one builtin. */
    public MoatFunction function(NodeFactory<? extends BuiltinNode> factory) {
        return new MoatFunction(target(factory), null, false);
    }

    /** Installs every factory's builtin into {@code table} under its declared name. */
    @TruffleBoundary
    public void installAll(MoatTable table, List<? extends NodeFactory<? extends BuiltinNode>> factories) {
        installAll(table, factories, null);
    }

    @TruffleBoundary
    public void installAll(MoatTable table, List<? extends NodeFactory<? extends BuiltinNode>> factories, String library) {
        for (NodeFactory<? extends BuiltinNode> factory : factories) {
            MoatBuiltin info = factory.getNodeClass().getAnnotation(MoatBuiltin.class);
            if (info != null) {
                table.put(language.intern(MoatStrings.fromJava(info.name())), new MoatFunction(target(factory, library), null, false));
            }
        }
    }

    /** Creates a library table filled with the factories' builtins and sets it as a global. */
    @TruffleBoundary
    public static MoatTable installLibrary(MoatContext context, String name,
                                           List<? extends NodeFactory<? extends BuiltinNode>> factories) {
        MoatTable lib = new MoatTable();
        context.getLanguage().getBuiltinTargets().installAll(lib, factories, name);
        context.setGlobal(name, lib);
        return lib;
    }
}
