package dev.moat.tck;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips (never passes) jqwik properties that compare against the reference lua5.4 when it is not installed. */
public final class LuaRequired implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return DifferentialTest.luaAvailable() ? SkipResult.doNotSkip() : SkipResult.skip("lua5.4 is not installed");
    }
}
