package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatNil;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MultiValue;

/**
 * The launcher's {@code -l NAME} and {@code -l G=NAME} ({@link MoatLanguage#REQUIRE_STEP_MIME_TYPE}, the
 * source's text being the option's argument): calls the global {@code require} with the module name and
 * stores its first result in the global, as lua.c's {@code dolibrary} does. The call is made from this root,
 * outside every guest frame, so an error of {@code require} carries no position ("module 'x' not found", not
 * "(command line):1: module ..."), as in lua.c, where it is called from C. Evaluates to the integer 0.
 */
public final class RequireStepRootNode extends EntryRootNode {
    private static final Integer DONE = 0;
    private final String global;
    private final String module;

    public RequireStepRootNode(MoatLanguage language, String option) {
        super(language, null, true);
        int eq = option.indexOf('=');
        this.global = eq < 0 ? option : option.substring(0, eq);
        this.module = eq < 0 ? option : option.substring(eq + 1);
    }

    @Override
    @TruffleBoundary
    protected Object callee(MoatContext context) {
        Object require = context.getGlobal("require");
        return require == null ? MoatNil.NIL : require;
    }

    @Override
    protected Object[] arguments(VirtualFrame frame, MoatContext context) {
        return moduleArgument();
    }

    @TruffleBoundary
    private Object[] moduleArgument() {
        Object[] argv = CallArguments.create(1);
        argv[CallArguments.FIRST] = MoatStrings.fromJava(module);
        return argv;
    }

    @Override
    @TruffleBoundary
    protected Object finish(MoatContext context, Object result) {
        context.setGlobal(global, MultiValue.first(result));
        return DONE;
    }

    @Override
    public String getName() {
        return "library option";
    }
}
