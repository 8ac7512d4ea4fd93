package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.NodeFactory;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Creates builtin functions from node factories. Call targets are made once per language and shared by
 * all contexts (builtin nodes hold no guest state); each context gets its own function values.
 *
 * <p>Installed builtins are lazy ({@link MoatFunction#lazy}): the target is made on the first call, so a
 * context that calls five of its ~200 builtins makes five targets. At the CLI's cold start making them
 * all was ≈ 45 ms of the ≈ 125 ms a context took to initialise (bytecode-interpreted Truffle code:
 * node creation, reflection over each node class, call target set-up).
 */
public final class BuiltinTargets {
    private final MoatLanguage language;
    private final ConcurrentHashMap<NodeFactory<?>, RootCallTarget> targets = new ConcurrentHashMap<>();
    /** Each factory's table key, interned (or {@link #NO_KEY}): made once, not by every context it is installed in. */
    private final ConcurrentHashMap<NodeFactory<?>, Object> keys = new ConcurrentHashMap<>();
    private static final Object NO_KEY = new Object();

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
        String qualifiedName = info.anonymous() ? "?" : library == null || library.isEmpty() ? info.name() : library + "." + info.name();
        return new BuiltinRootNode(language, node, info.name(), qualifiedName).getCallTarget();
    }

    /** A function value for one builtin. */
    public MoatFunction function(NodeFactory<? extends BuiltinNode> factory) {
        return new MoatFunction(target(factory), null, false);
    }

    /**
     * A builtin function value whose target is made on its first call, or at once when an earlier context
     * already made it; {@code upvalues} may be null.
     */
    public MoatFunction lazyFunction(NodeFactory<? extends BuiltinNode> factory, String library, Object[] upvalues) {
        RootCallTarget made = targets.get(factory);
        if (made != null) {
            return new MoatFunction(made, upvalues, false);
        }
        return MoatFunction.lazy(new Pending(this, factory, library), upvalues);
    }

    /** What a lazy builtin needs to make its target (a class rather than a lambda: one less class spun at start-up). */
    private record Pending(BuiltinTargets targets, NodeFactory<? extends BuiltinNode> factory, String library)
            implements Supplier<RootCallTarget> {
        @Override
        public RootCallTarget get() {
            return targets.target(factory, library);
        }
    }

    /** The Lua name a factory's builtin is installed under, or null for helper nodes without {@link MoatBuiltin}. */
    private static String nameOf(NodeFactory<? extends BuiltinNode> factory) {
        MoatBuiltin info = factory.getNodeClass().getAnnotation(MoatBuiltin.class);
        return info == null ? null : info.name();
    }

    /**
     * The interned table key a factory's builtin is installed under, or null for helper nodes. Cached: the
     * annotation lookup and the string conversion were a tenth of a warm context's creation (JFR).
     */
    public TruffleString keyOf(NodeFactory<? extends BuiltinNode> factory) {
        Object key = keys.get(factory);
        if (key == null) {
            String name = nameOf(factory);
            key = name == null ? NO_KEY : language.intern(MoatStrings.fromJava(name));
            keys.putIfAbsent(factory, key);
        }
        return key == NO_KEY ? null : (TruffleString) key;
    }

    /** Installs every factory's builtin into {@code table} under its declared name. */
    @TruffleBoundary
    public void installAll(MoatTable table, List<? extends NodeFactory<? extends BuiltinNode>> factories) {
        installAll(table, factories, null);
    }

    @TruffleBoundary
    public void installAll(MoatTable table, List<? extends NodeFactory<? extends BuiltinNode>> factories, String library) {
        for (NodeFactory<? extends BuiltinNode> factory : factories) {
            TruffleString key = keyOf(factory);
            if (key != null) {
                table.put(key, lazyFunction(factory, library, null));
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
