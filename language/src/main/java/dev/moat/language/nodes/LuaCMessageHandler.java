package dev.moat.language.nodes;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.nodes.call.InvokeNode;
import dev.moat.language.runtime.Metatables;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatTable;
import dev.moat.language.runtime.MultiValue;

/**
 * What lua.c's message handler does with an uncaught error, for the launcher's entries (a program, an
 * interactive input): an error object that is not a string or a number but whose {@code __tostring} gives a
 * string is reported as that string alone, without a traceback. The error is raised again from the entry
 * root, outside every guest frame, which is how the launcher knows to print no traceback (lua.c prints none
 * for the same reason: the handler returns the string instead of appending one). Any other error passes
 * through unchanged, and so does this one when its {@code __tostring} fails or gives no string.
 */
final class LuaCMessageHandler extends Node {
    @Child private InvokeNode invoke = InvokeNode.create();

    MoatError handle(MoatError error) {
        Object value = error.getValue();
        if (!(value instanceof MoatTable table) || table.getMetatable() == null) {
            return error;
        }
        Object handler = table.getMetatable().get(Metatables.TOSTRING);
        if (handler == null || handler == MoatNil.NIL) {
            return error;
        }
        Object shown;
        try {
            shown = MultiValue.first(invoke.callFromBuiltin(handler, value));
        } catch (MoatError failed) {
            return error;
        }
        return shown instanceof TruffleString s ? new MoatError(s, this) : error;
    }
}
