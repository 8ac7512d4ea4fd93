package dev.moat.language.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.moat.language.MoatContext;
import dev.moat.language.MoatLanguage;
import dev.moat.language.runtime.CallArguments;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * A source evaluated as a program ({@link MoatLanguage#PROGRAM_MIME_TYPE}), the way the {@code moat} launcher
 * runs a script or {@code -e} code. The context's application arguments ({@code Context.Builder.arguments})
 * are {@code [script, a1, ..., aN]}: the first program run of a context sets the global {@code arg} as
 * lua.c does ({@code arg[0]} the script, {@code arg[1..N]} its arguments, {@code arg[-1]} the launcher), and
 * the script itself, the program whose source name is {@code script}, gets {@code a1..aN} as its {@code ...}.
 * The results are dropped and the evaluation returns the integer 0.
 *
 * <p>Why not parse the chunk and execute it with arguments through the polyglot API: each such call makes
 * polyglot values of guest objects, and the first one sets up Truffle's interop dispatch for that class
 * (≈ 100 ms of a cold start). An evaluation that returns a Java integer makes none.
 */
public final class ProgramRootNode extends EntryRootNode {
    private static final Integer SUCCESS = 0;
    private final String sourceName;

    public ProgramRootNode(MoatLanguage language, RootCallTarget main, String sourceName) {
        super(language, main, true);
        this.sourceName = sourceName;
    }

    @Override
    protected Object[] arguments(VirtualFrame frame, MoatContext context) {
        return programArguments(context);
    }

    @Override
    protected Object finish(MoatContext context, Object result) {
        return SUCCESS;
    }

    @TruffleBoundary
    private Object[] programArguments(MoatContext context) {
        String[] application = context.getEnv().getApplicationArguments();
        if (!context.programArgumentsSet) {
            context.programArgumentsSet = true;
            MoatTable arg = new MoatTable();
            arg.put(-1L, MoatStrings.fromJava("moat"));
            arg.put(0L, MoatStrings.fromJava(application.length > 0 ? application[0] : sourceName));
            for (int i = 1; i < application.length; i++) {
                arg.put((long) i, MoatStrings.fromJava(application[i]));
            }
            context.setGlobal("arg", arg);
        }
        boolean isScript = application.length > 0 && application[0].equals(sourceName);
        int n = isScript ? application.length - 1 : 0;
        Object[] argv = CallArguments.create(n);
        for (int i = 0; i < n; i++) {
            argv[CallArguments.FIRST + i] = MoatStrings.fromJava(application[i + 1]);
        }
        return argv;
    }

    @Override
    public String getName() {
        return "program entry";
    }
}
