package dev.moat.language.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.dsl.Specialization;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.MoatOptions;
import dev.moat.language.host.ModuleResolvers;
import dev.moat.language.host.ModuleSearcher;
import dev.moat.language.host.ModuleSource;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.parser.MoatSyntaxError;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * {@code require(name)}: modules come only from the resolver the host gave the context: one registered
 * in-process and named by the option {@code moat.ModuleResolver} ({@link ModuleResolvers}), else the one
 * in the polyglot bindings under {@link #RESOLVER} (a function name -> source text or null). Lua code
 * can reach neither, so scripts cannot replace the resolver. Before it, loaders in {@code package.preload}
 * (functions the script itself defined) are tried, as Lua does. Loaded modules are cached in
 * {@code package.loaded} like Lua.
 */
@MoatBuiltin(name = "require")
public abstract class RequireBuiltin extends BuiltinNode {
    public static final String RESOLVER = "moat.moduleResolver";

    @Specialization
    protected Object require(Object nameArg, @Cached("create()") InvokeNode invoke) {
        TruffleString name = checkString(nameArg, 1);
        MoatContext context = context();
        MoatTable loaded = context.getLoadedModules();
        Object cached = loaded.get(name);
        if (cached != null && dev.moat.language.runtime.LuaValues.isTruthy(cached)) {
            return cached; // a false entry means "not loaded", as in Lua
        }
        String moduleName = MoatStrings.toJava(name);
        Object preloader = preloader(context, name);
        if (preloader != null) {
            Object result = MultiValue.first(invoke.callFromBuiltin(preloader, name, PRELOAD_DATA));
            return finish(loaded, name, result, PRELOAD_DATA);
        }
        ModuleSource source = find(context, moduleName);
        if (source == null) {
            throw error(notFound(context, moduleName));
        }
        allocate(source.text().length());
        charge(1 + source.text().length() / 32);
        RootCallTarget target = parse(source, moduleName);
        MoatFunction chunk = new MoatFunction(target, new Cell[]{new Cell(context.getGlobals())}, true);
        TruffleString loaderData = MoatStrings.fromJava(source.loaderData());
        Object result = MultiValue.first(invoke.callFromBuiltin(chunk, name, loaderData));
        return finish(loaded, name, result, loaderData);
    }

    private static final TruffleString PRELOAD_DATA = MoatStrings.fromJava(":preload:");

    /** A loader function in package.preload[name], or null (package.preload may be replaced by scripts). */
    private static Object preloader(MoatContext context, TruffleString name) {
        Object pkg = context.getGlobals().get(MoatStrings.fromJava("package"));
        if (!(pkg instanceof MoatTable p)) {
            return null;
        }
        Object preload = p.get(MoatStrings.fromJava("preload"));
        if (!(preload instanceof MoatTable table)) {
            return null;
        }
        Object loader = table.get(name);
        return loader == null || loader == MoatNil.NIL ? null : loader;
    }

    /**
     * Stores the loader's result in package.loaded (true when it returned nothing and set nothing) and
     * returns it with the loader data, as Lua's require does on a first load.
     */
    private static Object finish(MoatTable loaded, TruffleString name, Object result, Object loaderData) {
        if (result != MoatNil.NIL) {
            loaded.put(name, result);
        }
        Object value = loaded.get(name);
        if (value == null || value == MoatNil.NIL) {
            value = Boolean.TRUE;
            loaded.put(name, value);
        }
        return new Object[]{value, loaderData};
    }

    /** The host's searcher for this context: the one registered in-process, else the bindings' function. */
    private static ModuleSearcher searcher(MoatContext context) {
        String registered = context.getEnv().getOptions().get(MoatOptions.ModuleResolver);
        if (!registered.isEmpty()) {
            return ModuleResolvers.lookup(registered);
        }
        Object resolver;
        try {
            resolver = context.getEnv().importSymbol(RESOLVER);
        } catch (RuntimeException e) {
            return null;
        }
        return resolver == null ? null : ModuleSearcher.ofTexts(name -> textFromBindings(resolver, name));
    }

    /** Calls the bindings' resolver; anything but a string is "no such module". */
    private static String textFromBindings(Object resolver, String name) {
        InteropLibrary lib = InteropLibrary.getUncached();
        try {
            Object r = lib.execute(resolver, name);
            return lib.isNull(r) || !lib.isString(r) ? null : lib.asString(r);
        } catch (InteropException e) {
            return null;
        }
    }

    /** The module's source, or null; a failing resolver is a Lua error, as a failing searcher is in Lua. */
    @TruffleBoundary
    private ModuleSource find(MoatContext context, String name) {
        ModuleSearcher searcher = searcher(context);
        if (searcher == null) {
            return null;
        }
        try {
            return searcher.find(name);
        } catch (RuntimeException e) {
            if (e instanceof AbstractTruffleException && !context.getEnv().isHostException(e)) {
                throw e; // the engine's own (an interrupt or a cancel during the call), not the resolver's failure
            }
            throw error("error loading module '" + name + "' from the host's module resolver");
        }
    }

    /** Lua's "module 'x' not found:" with one line per place looked. */
    @TruffleBoundary
    private static String notFound(MoatContext context, String name) {
        ModuleSearcher searcher = searcher(context);
        String looked = searcher == null ? "\n\tno module '" + name + "' from the host's module resolver"
                : searcher.whereLooked(name);
        return "module '" + name + "' not found:\n\tno field package.preload['" + name + "']" + looked;
    }

    /** A module is read as Lua's file loader reads a file: a "#!" first line is skipped. */
    @TruffleBoundary
    private RootCallTarget parse(ModuleSource source, String moduleName) {
        try {
            String text = dev.moat.language.parser.SourceText.withoutFirstLineComment(source.text());
            return MoatLanguage.get(this).parseChunk(
                    Source.newBuilder(MoatLanguage.ID, text, source.chunkName()).build(), LoadBuiltin.parseMeter(this));
        } catch (MoatSyntaxError e) {
            throw error("error loading module '" + moduleName + "' from " + source.origin() + ":\n\t"
                    + e.luaMessage());
        }
    }
}
