package dev.moat.stdlib.json;

import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/** The json library (Moat-only): encode, decode and the json.null sentinel (one per context). */
public final class JsonLibrary implements dev.moat.language.builtins.MoatLibrary {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable lib = new MoatTable();
        MoatTable jsonNull = new MoatTable();
        MoatTable nullMeta = new MoatTable();
        nullMeta.put(MoatStrings.fromJava("__name"), MoatStrings.fromJava("json.null"));
        nullMeta.put(MoatStrings.fromJava("__metatable"), MoatStrings.fromJava("json.null"));
        jsonNull.setMetatable(nullMeta);
        Cell cell = new Cell(jsonNull);
        BuiltinTargets targets = context.getLanguage().getBuiltinTargets();
        for (var factory : JsonBuiltinsFactory.getFactories()) {
            lib.put(targets.keyOf(factory), targets.lazyFunction(factory, "json", new Cell[]{cell}));
        }
        lib.put(MoatStrings.fromJava("null"), jsonNull);
        context.setGlobal("json", lib);
    }
}
