package dev.moat.stdlib.io;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;

/** The io library reduced to io.write (no files, no processes: SECURITY.md B9). */
public final class IoLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "io";
    }

    @Override
    public void install(MoatContext context) {
        BuiltinTargets.installLibrary(context, "io", IoBuiltinsFactory.getFactories());
    }
}
