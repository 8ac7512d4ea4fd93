package dev.moat.stdlib.os;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;

/** os reduced to time/clock/difftime/date (no exit, execute, getenv, remove, rename, tmpname: SECURITY.md B9). */
public final class OsLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "os";
    }

    @Override
    public void install(MoatContext context) {
        dev.moat.language.runtime.MoatTable os = BuiltinTargets.installLibrary(context, "os", OsBuiltinsFactory.getFactories());
        context.getLanguage().getBuiltinTargets().installAll(os, DateBuiltinsFactory.getFactories(), "os");
    }
}
