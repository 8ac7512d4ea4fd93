package dev.moat.language;

import com.oracle.truffle.api.Option;
import dev.moat.language.builtins.LibrarySelection;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;
import org.graalvm.options.OptionType;

/**
 * Per-context options; the embedding API and the CLI set them. A limit of 0 means unlimited (the CLI's
 * default, like {@code lua}); the embedding API supplies the sandbox defaults of SECURITY.md.
 */
@Option.Group(MoatLanguage.ID)
public final class MoatOptions {
    private MoatOptions() {
    }

    @Option(help = "Maximum instructions per run (0 = unlimited).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Long> MaxInstructions = new OptionKey<>(0L);

    @Option(help = "Maximum guest bytes allocated per run (0 = unlimited).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Long> MaxMemory = new OptionKey<>(0L);

    @Option(help = "Maximum bytes written by print/io.write (0 = unlimited).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Long> MaxOutput = new OptionKey<>(0L);

    @Option(help = "Maximum guest call depth; deeper calls raise a catchable 'stack overflow'.", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Integer> MaxDepth = new OptionKey<>(7000);

    @Option(help = "Comma-separated libraries to install (empty = all available).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<String> Libraries = new OptionKey<>("", new OptionType<>("libraries", value -> {
        LibrarySelection.parse(value); // an unknown name fails where the option is set, not at first use
        return value;
    }));

    @Option(help = "Write guest output out at every line end, as a terminal's line buffering does (print, io.write); "
            + "false writes it when the buffer fills and when each evaluation ends.", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Boolean> FlushLines = new OptionKey<>(false);

    @Option(help = "Maximum parser nesting depth.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE)
    public static final OptionKey<Integer> MaxNesting = new OptionKey<>(200);

    @Option(help = "Count instructions, allocation and call depth (false only to measure the metering overhead; limits are then ignored and only the JVM's stack bounds recursion).", category = OptionCategory.EXPERT, stability = OptionStability.STABLE)
    public static final OptionKey<Boolean> Metering = new OptionKey<>(true);

    @Option(help = "Maximum live coroutines (0 = unlimited).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<Integer> MaxCoroutines = new OptionKey<>(0);

    @Option(help = "How coroutines get their stacks: auto (JDK continuations when the JVM exports jdk.internal.vm to Moat, "
            + "else virtual threads), continuation, or thread.", category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL)
    public static final OptionKey<String> CoroutineBackend = new OptionKey<>("auto", new OptionType<>("backend",
            MoatOptions::checkedCoroutineBackend));

    /** {@code value} if it names a coroutine backend (empty: auto); otherwise IllegalArgumentException. */
    public static String checkedCoroutineBackend(String value) {
        return switch (value) {
            case "", "auto", "continuation", "thread" -> value;
            default -> throw new IllegalArgumentException(
                    "moat.CoroutineBackend must be auto, continuation or thread, not '" + value + "'");
        };
    }

    @Option(help = "Run coroutine bodies whose yields are all direct statements as resumable generators, without "
            + "a stack switch per yield (needs the continuation backend; false to measure or compare).", category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL)
    public static final OptionKey<Boolean> CoroutineGenerators = new OptionKey<>(true);

    @Option(help = "Run the steps of such generators without a continuation where the body allows it, switching to one "
            + "only where a step reaches a call or metamethod that might yield (false to measure or compare).", category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL)
    public static final OptionKey<Boolean> CoroutineBareSteps = new OptionKey<>(true);

    @Option(help = "How many bare steps of one coroutine may bail to a continuation before its steps start in one (a body "
            + "that needs one on most steps gains nothing from trying without; tests raise it to reach every bail).", category = OptionCategory.EXPERT, stability = OptionStability.EXPERIMENTAL)
    public static final OptionKey<Integer> CoroutineBareStepBails = new OptionKey<>(2);

    @Option(help = "Return all results of a chunk (as an array of copies) instead of the first one.", category = OptionCategory.EXPERT, stability = OptionStability.STABLE)
    public static final OptionKey<Boolean> ReturnAllResults = new OptionKey<>(false);

    @Option(help = "Fixed time for os.time/os.date in epoch seconds; os.clock then counts one nanosecond per instruction (empty = the host's clocks).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<String> FixedTime = new OptionKey<>("");

    @Option(help = "Seed of math.random in each new context (empty = seeded from the host clock, like lua5.4).", category = OptionCategory.USER, stability = OptionStability.STABLE)
    public static final OptionKey<String> RandomSeed = new OptionKey<>("");

    @Option(help = "Name of a module resolver the host registered in-process with dev.moat.language.host.ModuleResolvers (empty = the polyglot binding moat.moduleResolver, if any).", category = OptionCategory.EXPERT, stability = OptionStability.STABLE)
    public static final OptionKey<String> ModuleResolver = new OptionKey<>("");

    public static final OptionDescriptors DESCRIPTORS = new MoatOptionsOptionDescriptors();
}
