package dev.moat.stdlib.coroutine;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/** The coroutine library provider. */
public final class CoroutineLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "coroutine";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable lib = BuiltinTargets.installLibrary(context, "coroutine", CoroutineBuiltinsFactory.getFactories());
        lib.put(MoatStrings.fromJava("wrapped"), MoatNil.NIL);
    }
}
