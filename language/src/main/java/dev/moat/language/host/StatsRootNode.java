package dev.moat.language.host;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.budget.Budget;

/**
 * Evaluates to the meters of the current context: {instructions, bytes allocated, output bytes,
 * exhausted}. Reached only through the internal stats MIME type, never from Lua code.
 */
public final class StatsRootNode extends RootNode {
    public StatsRootNode(MoatLanguage language) {
        super(language);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Budget b = MoatContext.get(this).budget;
        return new CopiedArray(new Object[]{b.instructionsUsed(), b.bytesAllocated(), b.outputBytes(), b.isExhausted()});
    }
}
