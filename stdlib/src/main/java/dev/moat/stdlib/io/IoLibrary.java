package dev.moat.stdlib.io;

import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatFunction;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * The io library reduced to the host's output sink (no files, no processes: SECURITY.md B9): io.write and
 * io.stdout, a file object whose only method is write. io.stdout is a table (Lua's is a userdata) whose
 * metatable names it "FILE*" and holds its methods; one per context, in the cell of the functions that
 * return or check it.
 */
public final class IoLibrary implements dev.moat.language.builtins.MoatLibrary {
    @Override
    public String name() {
        return "io";
    }

    @Override
    public void install(MoatContext context) {
        MoatTable stdout = new MoatTable();
        Object[] cells = {new Cell(stdout)};
        BuiltinTargets targets = context.getLanguage().getBuiltinTargets();
        MoatTable methods = new MoatTable();
        MoatTable meta = new MoatTable();
        meta.put(MoatStrings.fromJava("__name"), MoatStrings.fromJava("FILE*"));
        meta.put(MoatStrings.fromJava("__index"), methods);
        for (var factory : FileBuiltinsFactory.getFactories()) {
            MoatFunction f = targets.lazyFunction(factory, null, cells);
            (factory == FileBuiltinsFactory.FileWriteNodeFactory.getInstance() ? methods : meta).put(targets.keyOf(factory), f);
        }
        stdout.setMetatable(meta);
        MoatTable lib = new MoatTable();
        for (var factory : IoBuiltinsFactory.getFactories()) {
            lib.put(targets.keyOf(factory), targets.lazyFunction(factory, "io", cells));
        }
        lib.put(MoatStrings.fromJava("stdout"), stdout);
        context.setGlobal("io", lib);
    }

    /** The context's io.stdout, from the cell of the running io function. */
    static Object stdout(VirtualFrame frame) {
        return ((MoatFunction) frame.getArguments()[0]).cell(0).value;
    }
}
