package dev.moat.language;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.TruffleLanguage.Env;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.budget.Budget;
import dev.moat.language.builtins.BaseLibrary;
import dev.moat.language.builtins.LibrarySelection;
import dev.moat.language.builtins.MoatLibrary;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything one isolated run owns: its globals, its own string metatable, its budget meters and call
 * depth, and its output sink. Nothing here is shared between contexts (SECURITY.md P6).
 */
public final class MoatContext {
    private static final ContextReference<MoatContext> REFERENCE = ContextReference.create(MoatLanguage.class);

    private final MoatLanguage language;
    private final Env env;
    private final MoatTable globals = new MoatTable();
    private final MoatTable stringMetatable = new MoatTable();
    private final MoatTable loadedModules = new MoatTable();
    public final Budget budget;
    /** The clocks and random seed scripts see (fixed by the host for deterministic runs). */
    public final dev.moat.language.runtime.GuestClock clock;
    /**
     * The call level of the Lua function whose call a builtin or host function is running, published by
     * that root on entry (Lua functions pass their level in the call's arguments, see CallArguments): where
     * a builtin calling back into the script, a coroutine switch or the host calling a script function take
     * the level from.
     */
    public int depth;
    /** Set by the embedding API: chunks return copies of all their results. */
    public final boolean returnAllResults;
    /** Whether a program run (see nodes.ProgramRootNode) has set the global {@code arg} already. */
    public boolean programArgumentsSet;
    /** Guest output, buffered; made on the first write (a run that prints nothing skips the 16 KB buffer). */
    private OutputStream out;
    private final List<String> installedLibraries = new ArrayList<>();
    private final dev.moat.language.coroutine.Coroutines coroutines;

    MoatContext(MoatLanguage language, Env env) {
        this.language = language;
        this.env = env;
        this.budget = new Budget(limit(env.getOptions().get(MoatOptions.MaxInstructions)),
                limit(env.getOptions().get(MoatOptions.MaxMemory)),
                limit(env.getOptions().get(MoatOptions.MaxOutput)),
                env.getOptions().get(MoatOptions.MaxDepth),
                env.getOptions().get(MoatOptions.Metering));
        this.clock = new dev.moat.language.runtime.GuestClock(env.getOptions().get(MoatOptions.FixedTime),
                env.getOptions().get(MoatOptions.RandomSeed));
        this.returnAllResults = env.getOptions().get(MoatOptions.ReturnAllResults);
        this.flushLines = env.getOptions().get(MoatOptions.FlushLines);
        this.coroutines = new dev.moat.language.coroutine.Coroutines(this, env.getOptions().get(MoatOptions.MaxCoroutines));
        registerCreated();
    }

    private static long limit(long option) {
        return option <= 0 ? Long.MAX_VALUE : option;
    }

    /**
     * The current context. Compiled code gets it from Truffle's context reference (a constant while the
     * engine has one context). In the interpreter that reference is a thread-local lookup on every call
     * (7 % of the interpreter's samples in richards); when the JVM has only ever had one Moat context, as
     * with the CLI, the interpreter takes it from {@link #soleContext} instead.
     */
    public static MoatContext get(Node node) {
        if (CompilerDirectives.inInterpreter()) {
            MoatContext sole = soleContext;
            if (sole != null) {
                return sole;
            }
        }
        return REFERENCE.get(node);
    }

    private static final Object SOLE_CONTEXT_LOCK = new Object();
    /** Guarded by {@link #SOLE_CONTEXT_LOCK}: a Moat context was created in this JVM. */
    private static boolean contextCreated;
    /**
     * The first Moat context of this JVM while it is the only one: cleared for good when a second one is
     * created (before any of its code runs, so no code of another context can read it) or when it is
     * finalized. Code of the sole context may read it stale-null, which only means the lookup above.
     */
    private static volatile MoatContext soleContext;

    private void registerCreated() {
        synchronized (SOLE_CONTEXT_LOCK) {
            soleContext = contextCreated ? null : this;
            contextCreated = true;
        }
    }

    /** Called when this context is finalized: it is no longer the sole one. */
    void unregister() {
        synchronized (SOLE_CONTEXT_LOCK) {
            soleContext = null;
        }
    }

    void initialize() {
        new BaseLibrary().install(this);
        Set<String> wanted = LibrarySelection.parse(env.getOptions().get(MoatOptions.Libraries));
        for (MoatLibrary lib : language.libraries()) {
            if (wanted.isEmpty() || wanted.contains(lib.name())) {
                lib.install(this);
                installedLibraries.add(lib.name());
            }
        }
        loadedModules.put(MoatStrings.fromJava("_G"), globals);
        loadedModules.put(MoatStrings.fromJava("package"), getGlobal("package")); // as in Lua: package.loaded.package == package
        // Read sites may fold the globals' and the libraries' fields (nodes.table.FieldLookupNode).
        globals.markFieldsFoldable();
        for (String name : installedLibraries) {
            Object lib = getGlobal(name);
            if (lib != null) {
                loadedModules.put(MoatStrings.fromJava(name), lib);
                if (lib instanceof MoatTable table) {
                    table.markFieldsFoldable();
                }
            }
        }
    }

    /** The origins (bits by ordinal) of the runtime's errors raised in this context (see MoatError#rethrown). */
    private int raisedOrigins;

    public void noteRaised(dev.moat.language.runtime.MoatError.Origin origin) {
        raisedOrigins |= 1 << origin.ordinal();
    }

    public boolean hasRaisedAny() {
        return raisedOrigins != 0;
    }

    public boolean hasRaised(dev.moat.language.runtime.MoatError.Origin origin) {
        return (raisedOrigins & 1 << origin.ordinal()) != 0;
    }

    public dev.moat.language.coroutine.Coroutines getCoroutines() {
        return coroutines;
    }

    public MoatLanguage getLanguage() {
        return language;
    }

    public Env getEnv() {
        return env;
    }

    public MoatTable getGlobals() {
        return globals;
    }

    public MoatTable getStringMetatable() {
        return stringMetatable;
    }

    /** package.loaded: modules already required in this context. */
    public MoatTable getLoadedModules() {
        return loadedModules;
    }

    /** This context's own {@code next}, which pairs returns even when the global has been replaced. */
    private Object nextFunction = dev.moat.language.runtime.MoatNil.NIL;
    private Object ipairsIterator;

    private final dev.moat.language.builtins.BaseBuiltins.GcSettings gcSettings = new dev.moat.language.builtins.BaseBuiltins.GcSettings();

    public dev.moat.language.builtins.BaseBuiltins.GcSettings gcSettings() {
        return gcSettings;
    }

    /**
     * Per-context state of a library, created on first use (for example the string library's cache of
     * compiled patterns). Kept here rather than in the library's nodes, which every context of an engine
     * shares: what one run leaves behind must not be observable, even by timing, in another.
     */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> libraryState = new java.util.concurrent.ConcurrentHashMap<>();

    @TruffleBoundary
    public <T> T libraryState(Class<T> key, java.util.function.Supplier<T> create) {
        Object state = libraryState.get(key);
        if (state == null) {
            state = libraryState.computeIfAbsent(key, k -> create.get());
        }
        return key.cast(state);
    }

    public Object getNextFunction() {
        return nextFunction;
    }

    /** This context's own {@code error}, whose calls from Lua call sites hand it their node (see {@link #takeErrorCallSite}). */
    private Object errorFunction = dev.moat.language.runtime.MoatNil.NIL;
    /** The Lua call site calling {@link #errorFunction} right now; null at any other time. */
    private com.oracle.truffle.api.nodes.Node errorCallSite;

    public Object getErrorFunction() {
        return errorFunction;
    }

    public void setErrorFunction(Object error) {
        this.errorFunction = error;
    }

    /** Set by a Lua call site around its call of {@code error}, and cleared after it, whatever happens. */
    public void setErrorCallSite(com.oracle.truffle.api.nodes.Node site) {
        this.errorCallSite = site;
    }

    /**
     * The Lua call site that called {@code error} (the position of its level 1), or null when the call came
     * another way (from a builtin, a metamethod, a tail call) and the stack must be walked. Cleared on read.
     */
    public com.oracle.truffle.api.nodes.Node takeErrorCallSite() {
        com.oracle.truffle.api.nodes.Node site = errorCallSite;
        errorCallSite = null;
        return site;
    }

    public void setNextFunction(Object next) {
        this.nextFunction = next;
    }

    /** The function ipairs returns, made on first use; one per context, so ipairs(a) == ipairs(b) as in Lua. */
    public Object getIpairsIterator() {
        return ipairsIterator;
    }

    public void setIpairsIterator(Object iterator) {
        this.ipairsIterator = iterator;
    }

    public List<String> getInstalledLibraries() {
        return installedLibraries;
    }

    /** Sets a global by name (used by library installers). */
    public void setGlobal(String name, Object value) {
        globals.put(MoatStrings.fromJava(name), value);
    }

    public Object getGlobal(String name) {
        return globals.get(MoatStrings.fromJava(name));
    }

    /** Whether output is written out at each line end (option FlushLines: the CLI on a terminal). */
    private final boolean flushLines;

    /** Writes guest output (already charged to the output budget by the caller). */
    @TruffleBoundary
    public void write(byte[] bytes, int offset, int length) {
        try {
            if (out == null) {
                out = new BufferedOutputStream(env.out(), 1 << 14);
            }
            out.write(bytes, offset, length);
            if (flushLines && endsLine(bytes, offset, length)) {
                out.flush();
            }
        } catch (IOException e) {
            // The host's sink failed; guest output is best effort and never breaks the run.
        }
    }

    private static boolean endsLine(byte[] bytes, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    @TruffleBoundary
    public void write(TruffleString s) {
        byte[] b = MoatStrings.bytes(s);
        write(b, 0, b.length);
    }

    /** Whether warn() messages are emitted: off until the script calls warn("@on"), as in lua5.4. */
    public boolean warningsOn;

    /**
     * Writes a warning line to the host's error stream (already charged to the output budget), after
     * flushing standard output so the two interleave in program order.
     */
    @TruffleBoundary
    public void writeWarning(byte[] line) {
        flush();
        try {
            OutputStream err = env.err();
            err.write(line);
            err.flush();
        } catch (IOException e) {
            // as for standard output: best effort
        }
    }

    @TruffleBoundary
    public void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            // see write
        }
    }
}
