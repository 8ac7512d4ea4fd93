package dev.moat.language.host;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Module resolvers handed over in-process: the host registers a Java function (module name to source
 * text, or null) and names it in the context option {@code moat.ModuleResolver}; {@code require} then calls
 * it directly.
 *
 * <p>The other way, a {@code ProxyExecutable} in the polyglot bindings, is the same capability, but the first
 * host object a process puts into a context makes Truffle set up its host interop (≈ 100 ms of the CLI's
 * ≈ 600 ms cold start). Only host code can register a resolver or set the option; guest code can do
 * neither, so the trust model is the binding's.
 */
public final class ModuleResolvers {
    private static final ConcurrentHashMap<String, ModuleSearcher> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private ModuleResolvers() {
    }

    /** Registers {@code resolver} and returns the name to put in the option {@code moat.ModuleResolver}. */
    public static String register(Function<String, String> resolver) {
        return register(ModuleSearcher.ofTexts(resolver));
    }

    /** Registers a searcher that also names its modules (the CLI's files) and returns the option's value. */
    public static String register(ModuleSearcher searcher) {
        String name = "resolver-" + NEXT.incrementAndGet();
        REGISTERED.put(name, searcher);
        return name;
    }

    /** Forgets a resolver: contexts naming it then find no modules through it. */
    public static void unregister(String name) {
        REGISTERED.remove(name);
    }

    /** The searcher registered under {@code name}, or null. */
    public static ModuleSearcher lookup(String name) {
        return REGISTERED.get(name);
    }
}
