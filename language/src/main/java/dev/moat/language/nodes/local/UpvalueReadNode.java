package dev.moat.language.nodes.local;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatLanguage;
import dev.moat.language.nodes.MoatExpressionNode;
import dev.moat.language.runtime.Cell;
import dev.moat.language.runtime.MoatFunction;

/**
 * Reads upvalue {@code index} of the running closure (argument 0 of the frame): the value itself for a
 * local captured by value, else the value in its Cell (see LocalVar).
 *
 * <p>Folded to a constant where the value cannot change: the captured local is never assigned after its
 * declaration ({@link LocalVar#assignedAgain}) and its declaration has run once only ({@link DeclaredOnce},
 * which also requires an engine serving one context), so there is one variable and it keeps its value.
 * Calls of a program's helper functions (declared once at the top of its chunk) then load nothing before
 * the call: the read was four dependent loads (closure, upvalue array and its length, cell, value).
 */
public final class UpvalueReadNode extends MoatExpressionNode {
    private final int index;
    private final String name;
    /** The local this upvalue captures (following enclosing functions' upvalues); null for the chunk's _ENV. */
    private final LocalVar captured;
    @CompilationFinal private boolean foldingTried;
    @CompilationFinal private Object constant;
    @CompilationFinal private Assumption singleContext;

    public UpvalueReadNode(int index, String name, LocalVar captured) {
        this.index = index;
        this.name = name;
        this.captured = captured;
    }

    /** The local this upvalue captures, or null (the chunk's {@code _ENV}). */
    public LocalVar getCaptured() {
        return captured;
    }

    public String getName() {
        return name;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object folded = constant;
        if (folded != null) {
            if (captured.declaredOnce.assumption().isValid() && singleContext.isValid()) {
                return folded;
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            constant = null; // declared again, or a second context: read the cell from now on
        }
        MoatFunction running = (MoatFunction) frame.getArguments()[0];
        Object upvalue = running.upvalues[index];
        Object value = captured != null && captured.byValue() ? upvalue : ((Cell) upvalue).value;
        if (!foldingTried) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            foldingTried = true;
            fold(value);
        }
        return value;
    }

    private void fold(Object value) {
        Assumption oneContext = MoatLanguage.get(this).singleContextAssumption();
        if (captured != null && !captured.assignedAgain && captured.declaredOnce.assumption().isValid()
                && oneContext.isValid()) {
            singleContext = oneContext;
            constant = value;
        }
    }
}
