package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MultiValue;

/**
 * What the polyglot API executes for a parsed source: binds the chunk's main function to this context's
 * globals as {@code _ENV}, converts host arguments into guest values (they become the chunk's
 * {@code ...}), runs it, and flushes guest output. Returns the chunk's first result.
 */
public final class ChunkRootNode extends EntryRootNode {
    public ChunkRootNode(MoatLanguage language, RootCallTarget main) {
        super(language, main);
    }

    @Override
    protected Object[] arguments(VirtualFrame frame, MoatContext context) {
        return convertArguments(frame.getArguments());
    }

    @Override
    protected Object finish(MoatContext context, Object result) {
        if (context.returnAllResults) {
            return copyAll(result);
        }
        Object first = MultiValue.first(result);
        return first instanceof dev.moat.language.runtime.MoatTable ? dev.moat.language.host.GuestToHost.copy(first, this) : first;
    }

    @TruffleBoundary
    private Object[] convertArguments(Object[] hostArgs) {
        Object[] argv = CallArguments.create(hostArgs.length);
        for (int i = 0; i < hostArgs.length; i++) {
            argv[CallArguments.FIRST + i] = dev.moat.language.host.HostToGuest.convert(hostArgs[i], this, null);
        }
        return argv;
    }

    @TruffleBoundary
    private Object copyAll(Object result) {
        Object[] values = MultiValue.all(result);
        Object[] copies = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object c = dev.moat.language.host.GuestToHost.copy(values[i], this);
            copies[i] = c == null ? dev.moat.language.runtime.MoatNil.NIL : c;
        }
        return new dev.moat.language.host.CopiedArray(copies);
    }

    @Override
    public String getName() {
        return "chunk entry";
    }
}
