package dev.moat.language.builtins;

import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.MoatStrings;

/** The basic library every context gets: print, type, pcall, load, setmetatable, _G, _VERSION, ... */
public final class BaseLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "base";
    }

    @Override
    public void install(MoatContext context) {
        BuiltinTargets targets = context.getLanguage().getBuiltinTargets();
        targets.installAll(context.getGlobals(), BaseBuiltinsFactory.getFactories());
        targets.installAll(context.getGlobals(), ProtectedCallBuiltinsFactory.getFactories());
        context.setNextFunction(context.getGlobals().get(MoatStrings.fromJava("next")));
        context.setErrorFunction(context.getGlobals().get(MoatStrings.fromJava("error")));
        context.getGlobals().put(MoatStrings.fromJava("load"), targets.lazyFunction(LoadBuiltinFactory.getInstance(), null, null));
        context.getGlobals().put(MoatStrings.fromJava("ipairs_iterator"), dev.moat.language.runtime.MoatNil.NIL);
        context.getGlobals().put(MoatStrings.fromJava("require"), targets.lazyFunction(RequireBuiltinFactory.getInstance(), null, null));
        // package holds only 'loaded' and 'preload' (no loadlib, path, cpath, searchers: SECURITY.md B7).
        dev.moat.language.runtime.MoatTable pkg = new dev.moat.language.runtime.MoatTable();
        pkg.put(MoatStrings.fromJava("loaded"), context.getLoadedModules());
        pkg.put(MoatStrings.fromJava("preload"), new dev.moat.language.runtime.MoatTable());
        context.setGlobal("package", pkg);
        context.setGlobal("_G", context.getGlobals());
        context.setGlobal("_VERSION", MoatStrings.fromJava(MoatLanguage.VERSION));
    }
}
