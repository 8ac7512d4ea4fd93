package dev.moat.stdlib.string;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MoatStrings;

/**
 * The string library. Its table is also the {@code __index} of this context's own string metatable,
 * so method calls on strings ({@code s:rep(3)}) reach exactly the same (metered) functions (SECURITY.md B12).
 */
public final class StringLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "string";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable lib = BuiltinTargets.installLibrary(context, "string", StringBuiltinsFactory.getFactories());
        context.getLanguage().getBuiltinTargets().installAll(lib, PatternBuiltinsFactory.getFactories(), "string");
        context.getLanguage().getBuiltinTargets().installAll(lib, PackBuiltinsFactory.getFactories(), "string");
        lib.put(MoatStrings.fromJava("gmatch_step"), dev.moat.language.runtime.MoatNil.NIL);
        context.getStringMetatable().put(Metatables.INDEX, lib);
        // The arithmetic metamethods live only in the metatable, not in the string table.
        context.getLanguage().getBuiltinTargets().installAll(context.getStringMetatable(), StringArithBuiltinsFactory.getFactories(), "string");
    }
}
