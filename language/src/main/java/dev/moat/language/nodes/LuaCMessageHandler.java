package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.MoatContext;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * What lua.c's message handler does with an uncaught error, for the launcher's entries (a program, an
 * interactive input, a {@code -l} library): an error object that is not a string or a number but whose
 * {@code __tostring} gives a string is reported as that string alone; any other error becomes its message
 * ("(error object is a table value)" for objects without one) followed by Lua's stack traceback
 * ({@link LuaTraceback}). Either way the result is raised again from the entry root, outside every guest
 * frame, as the one string the launcher prints.
 */
final class LuaCMessageHandler extends Node {
    @Child private InvokeNode invoke = InvokeNode.create();

    MoatError handle(MoatError error) {
        Object shown = shownByToString(error.getValue());
        return shown instanceof TruffleString s ? new MoatError(s, this) : withTraceback(error);
    }

    /** What the error object's {@code __tostring} gives, or null (none, it failed, or not a table with one). */
    private Object shownByToString(Object value) {
        if (!(value instanceof MoatTable table) || table.getMetatable() == null) {
            return null;
        }
        Object handler = table.getMetatable().get(Metatables.TOSTRING);
        if (handler == null || handler == MoatNil.NIL) {
            return null;
        }
        try {
            return MultiValue.first(invoke.callFromBuiltin(handler, value));
        } catch (MoatError failed) {
            return null;
        }
    }

    @TruffleBoundary
    private MoatError withTraceback(MoatError error) {
        return MoatError.plain(error.getMessage() + "\n" + LuaTraceback.of(error, MoatContext.get(this)), this);
    }
}
