package dev.moat.stdlib.math;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.builtins.MoatLibrary;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/** The math library provider (constants plus MathBuiltins, RandomBuiltins and MathCompatBuiltins). */
public final class MathLibrary implements MoatLibrary {
    @Override
    public String name() {
        return "math";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable lib = BuiltinTargets.installLibrary(context, "math", MathBuiltinsFactory.getFactories());
        // One generator per context, held by the function values' cell, seeded by the host's option or
        // (like an unseeded lua5.4) from the clock.
        dev.moat.language.runtime.Cell generator = new dev.moat.language.runtime.Cell(new Xoshiro256(context.clock.randomSeed(), 0));
        dev.moat.language.builtins.BuiltinTargets targets = context.getLanguage().getBuiltinTargets();
        for (var factory : RandomBuiltinsFactory.getFactories()) {
            lib.put(targets.keyOf(factory),
                    targets.lazyFunction(factory, "math", new dev.moat.language.runtime.Cell[]{generator}));
        }
        targets.installAll(lib, MathCompatBuiltinsFactory.getFactories(), "math"); // LUA_COMPAT_MATHLIB, as in lua5.4
        lib.put(MoatStrings.fromJava("pi"), Math.PI);
        lib.put(MoatStrings.fromJava("huge"), Double.POSITIVE_INFINITY);
        lib.put(MoatStrings.fromJava("maxinteger"), Long.MAX_VALUE);
        lib.put(MoatStrings.fromJava("mininteger"), Long.MIN_VALUE);
    }
}
