package dev.moat.stdlib.table;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;

/** The table library provider. */
public final class TableLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "table";
    }

    @Override
    public void install(MoatContext context) {
        BuiltinTargets.installLibrary(context, "table", TableBuiltinsFactory.getFactories());
    }
}
