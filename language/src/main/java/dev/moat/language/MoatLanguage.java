package dev.moat.language;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.builtins.BuiltinTargets;
import dev.moat.language.nodes.ChunkRootNode;
import dev.moat.language.parser.ParseMeter;
import dev.moat.language.nodes.FunctionRootNode;
import dev.moat.language.translator.Translator;
import org.graalvm.options.OptionDescriptors;

/**
 * Moat: Lua 5.4 on Truffle, built to run untrusted scripts inside a host JVM.
 *
 * <p>Map of the implementation:
 * <ul>
 * <li>{@code parser}: the ANTLR grammar (generated at build time) and the wrapper that turns bad input
 * into {@code MoatSyntaxError} with line and column.</li>
 * <li>{@code translator}: scope analysis and the translation of the parse tree into Truffle nodes.</li>
 * <li>{@code nodes.*}: the AST: expressions, control flow, locals/upvalues, tables, calls.</li>
 * <li>{@code runtime}: guest values ({@code MoatTable}, {@code MoatFunction}, strings as TruffleString,
 * {@code MoatNil}) and Lua's number rules.</li>
 * <li>{@code builtins}: the core library (print, pcall, setmetatable...) and the library SPI through which
 * the stdlib module plugs in.</li>
 * <li>{@code budget}: deterministic instruction, memory and output meters.</li>
 * </ul>
 * The context policy is SHARED: one engine may run many isolated contexts over the same ASTs, so nodes
 * never cache per-context objects (tables, metatables, functions) — only immutable constants — except
 * under {@link #singleContextAssumption()}, valid only while the engine has served a single context.
 */
@TruffleLanguage.Registration(id = MoatLanguage.ID, name = "Moat", version = "0.1",
        defaultMimeType = MoatLanguage.MIME_TYPE, characterMimeTypes = {MoatLanguage.MIME_TYPE, MoatLanguage.STATS_MIME_TYPE, MoatLanguage.PROGRAM_MIME_TYPE,
                MoatLanguage.REPL_MIME_TYPE, MoatLanguage.REQUIRE_STEP_MIME_TYPE},
        contextPolicy = TruffleLanguage.ContextPolicy.SHARED, website = "https://moat.dev")
public final class MoatLanguage extends TruffleLanguage<MoatContext> {
    public static final String ID = "moat";
    public static final String MIME_TYPE = "application/x-moat";
    /** Internal: a source of this type evaluates to the context's meter readings (used by the embedding API). */
    public static final String STATS_MIME_TYPE = "application/x-moat-stats";
    /** A source run as a program, with the application arguments as {@code arg} and {@code ...} (the launcher's way; see ProgramRootNode). */
    public static final String PROGRAM_MIME_TYPE = "application/x-moat-program";
    /** A source run as one input of an interactive session: what it returns is printed (see ReplRootNode). */
    public static final String REPL_MIME_TYPE = "application/x-moat-repl";
    /** The launcher's {@code -l}: the source's text is the option's argument, {@code NAME} or {@code G=NAME} (see RequireStepRootNode). */
    public static final String REQUIRE_STEP_MIME_TYPE = "application/x-moat-require";
    public static final String VERSION = "Lua 5.4";

    private static final LanguageReference<MoatLanguage> REFERENCE = LanguageReference.create(MoatLanguage.class);

    private final BuiltinTargets builtinTargets = new BuiltinTargets(this);

    /**
     * Valid while this language instance serves one context only (Truffle calls
     * {@link #initializeMultipleContexts} before a second one, or before the first of an explicit shared
     * engine). Only while it holds may a node fold one context's objects into constants (see
     * nodes.table.FieldLookupNode); compiled code that did is invalidated with it.
     */
    private final com.oracle.truffle.api.Assumption singleContext =
            com.oracle.truffle.api.Truffle.getRuntime().createAssumption("single Moat context");

    @Override
    protected void initializeMultipleContexts() {
        singleContext.invalidate();
    }

    public com.oracle.truffle.api.Assumption singleContextAssumption() {
        return singleContext;
    }

    public static MoatLanguage get(com.oracle.truffle.api.nodes.Node node) {
        return REFERENCE.get(node);
    }

    @Override
    protected MoatContext createContext(Env env) {
        return new MoatContext(this, env);
    }

    @Override
    protected void initializeContext(MoatContext context) {
        context.initialize();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        if (STATS_MIME_TYPE.equals(request.getSource().getMimeType())) {
            return new dev.moat.language.host.StatsRootNode(this).getCallTarget();
        }
        if (REQUIRE_STEP_MIME_TYPE.equals(request.getSource().getMimeType())) {
            return new dev.moat.language.nodes.RequireStepRootNode(this, request.getSource().getCharacters().toString()).getCallTarget();
        }
        // Top-level parses are cached per engine, so they are not charged to any run; they only poll, so a
        // cancelled or timed-out context does not have to wait for a huge chunk to finish parsing.
        RootCallTarget main = parseChunk(request.getSource(), n -> TruffleSafepoint.poll(PARSING));
        if (PROGRAM_MIME_TYPE.equals(request.getSource().getMimeType())) {
            return new dev.moat.language.nodes.ProgramRootNode(this, main, request.getSource().getName()).getCallTarget();
        }
        if (REPL_MIME_TYPE.equals(request.getSource().getMimeType())) {
            return new dev.moat.language.nodes.ReplRootNode(this, main).getCallTarget();
        }
        return new ChunkRootNode(this, main).getCallTarget();
    }

    private final LazyCallTarget hostFunctionTarget =
            new LazyCallTarget(() -> dev.moat.language.host.HostFunctions.HostFunctionRootNode.withoutProfiles(
                    new dev.moat.language.host.HostFunctions.HostFunctionRootNode(this).getCallTarget()));
    private final LazyCallTarget continuationCallTarget =
            new LazyCallTarget(() -> new dev.moat.language.coroutine.ContinuationCall.ContinuationRoot(this).getCallTarget());

    /** The call a coroutine's continuation runs in, in Truffle's fallback runtime (see coroutine.ContinuationCall). */
    public RootCallTarget continuationCallTarget() {
        return continuationCallTarget.get();
    }

    /** The call target shared by all host functions (see host.HostFunctions). */
    public RootCallTarget hostFunctionTarget() {
        return hostFunctionTarget.get();
    }

    /** A call target of this language made on first use, once, whichever thread asks first. */
    private static final class LazyCallTarget {
        private final java.util.function.Supplier<RootCallTarget> make;
        private volatile RootCallTarget target;

        LazyCallTarget(java.util.function.Supplier<RootCallTarget> make) {
            this.make = make;
        }

        RootCallTarget get() {
            RootCallTarget t = target;
            if (t == null) {
                synchronized (this) {
                    if (target == null) {
                        target = make.get();
                    }
                    t = target;
                }
            }
            return t;
        }
    }

    /** The location reported by safepoint polls made while parsing (no nodes exist yet). */
    private static final Node PARSING = new Node() {
    };

    /**
     * Translates a chunk into the call target of its main function (used by parse, load and require);
     * {@code meter} hears about every batch of tokens lexed and parsed.
     */
    public RootCallTarget parseChunk(Source source, ParseMeter meter) {
        FunctionRootNode root = Translator.translateChunk(this, source, meter);
        return root.getCallTarget();
    }

    private final dev.moat.language.runtime.StringInterner interned = internTable();

    /**
     * The intern table, holding from the start the names type() returns: a literal {@code "table"} is then the
     * very string {@code type(t)} gives, and {@code tv == "table"} with {@code local tv = type(v)} holds on an
     * identity test (see EqualNode#doString).
     */
    private static dev.moat.language.runtime.StringInterner internTable() {
        dev.moat.language.runtime.StringInterner table = new dev.moat.language.runtime.StringInterner();
        for (TruffleString name : dev.moat.language.runtime.LuaValues.typeNameStrings()) {
            table.intern(name);
        }
        return table;
    }

    /**
     * Interns a string constant of translated code (see StringInterner): table keys that come from constants
     * are then identical objects, so field lookups succeed on an identity check, and the string is known as a
     * literal of code from now on ({@link #isLiteral}).
     */
    public TruffleString intern(TruffleString s) {
        return interned.intern(s);
    }

    /**
     * True if {@code value} is a string object that translated code holds as a literal (the interned one of its
     * content): what a builtin node shared by every context may keep (BuiltinNode#cacheAssumption).
     */
    public boolean isLiteral(Object value) {
        return interned.isLiteral(value);
    }

    public BuiltinTargets getBuiltinTargets() {
        return builtinTargets;
    }

    private volatile java.util.List<dev.moat.language.builtins.MoatLibrary> libraries;

    /**
     * The library providers on the class path, found once per language (they are stateless): looking them
     * up with a ServiceLoader reads the jars' service files and instantiates every provider, a few per
     * cent of a warm context's creation when done per context (JFR).
     */
    public java.util.List<dev.moat.language.builtins.MoatLibrary> libraries() {
        java.util.List<dev.moat.language.builtins.MoatLibrary> found = libraries;
        if (found == null) {
            found = java.util.ServiceLoader.load(dev.moat.language.builtins.MoatLibrary.class, MoatLanguage.class.getClassLoader())
                    .stream().map(java.util.ServiceLoader.Provider::get).toList();
            libraries = found;
        }
        return found;
    }

    @Override
    protected OptionDescriptors getOptionDescriptors() {
        return MoatOptions.DESCRIPTORS;
    }

    /** Coroutines run on their own virtual threads with a strict handoff, so several threads may enter. */
    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return true;
    }

    @Override
    protected void finalizeContext(MoatContext context) {
        context.unregister();
        context.getCoroutines().disposeAll();
    }

    @Override
    protected Object getScope(MoatContext context) {
        return new dev.moat.language.host.GlobalsScope(context.getGlobals());
    }
}
