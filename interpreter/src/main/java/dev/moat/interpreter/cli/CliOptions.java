package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;

import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@code moat} and the polyglot context they configure. */
final class CliOptions {
    static final String USAGE = """
            usage: moat [options] [script [args]]
              -e CODE            run CODE
              -l NAME            require library NAME into global NAME (-l G=NAME: into global G)
              -i                 enter interactive mode after running the script
              -v                 print version
              -W                 turn warnings on
              -E                 accepted for lua's sake (Moat reads no environment variables)
              --                 stop handling options
              -                  run standard input (stop handling options)
              -h                 print this help
              --max-instructions=N   instruction budget (default unlimited)
              --max-memory=SIZE      allocation budget, e.g. 64m (k/m/g)
              --max-output=SIZE      output limit
              --max-depth=N          call depth limit
              --timeout=DURATION     wall-clock limit, e.g. 500ms, 2s (default none)
              --fixed-time=EPOCH     os.time/os.date see this time; os.clock counts instructions
              --random-seed=N        seed of math.random (default: from the clock)
              --stats                print run statistics to stderr
            Without a script on a terminal, starts an interactive session.""";

    boolean help;
    boolean version;
    boolean stats;
    /** -i: the interactive session after the script (and the version first, as lua's -i). */
    boolean interactive;
    /** -e, -l and -W, to be run in the order given, before the script (as lua.c's runargs). */
    List<Step> steps = new ArrayList<>();
    String script;

    /** One of {@link #steps}: {@code e} runs code, {@code l} requires a library ("G=NAME" or "NAME"), {@code W} turns warnings on. */
    record Step(char kind, String text) {
    }

    /** True if a -e was given: then no interactive session or standard input runs by default (lua.c's has_e). */
    boolean hasCode() {
        return steps.stream().anyMatch(s -> s.kind() == 'e');
    }

    /** False for -h, and for -v with nothing to run (lua -v prints its version and exits): no engine is made. */
    boolean runsCode() {
        return !help && !(version && steps.isEmpty() && script == null && !interactive);
    }

    /** The source name of a script read from standard input ({@code moat -}). */
    static final String STDIN_NAME = "stdin";
    List<String> scriptArgs = new ArrayList<>();
    long maxInstructions;
    long maxMemory;
    long maxOutput;
    int maxDepth = 200_000;
    long timeoutMillis;
    /** Set once a --timeout has cancelled the run. */
    boolean timedOut;
    String fixedTime = "";
    String randomSeed = "";

    static CliOptions parse(String[] args) {
        CliOptions o = new CliOptions();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                o.help = true;
            } else if (a.equals("-v") || a.equals("--version")) {
                o.version = true;
            } else if (a.startsWith("-e") || a.startsWith("-l")) {
                String text = a.substring(2);
                if (text.isEmpty()) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
                        throw new IllegalArgumentException("'" + a + "' needs argument");
                    }
                    text = args[++i];
                }
                o.steps.add(new Step(a.charAt(1), text));
            } else if (a.equals("-W")) {
                o.steps.add(new Step('W', ""));
            } else if (a.equals("-i")) {
                o.interactive = true;
                o.version = true;
            } else if (a.equals("-E")) {
                // lua ignores LUA_INIT and LUA_PATH with it; Moat reads neither
            } else if (a.equals("--")) {
                if (i + 1 < args.length) {
                    o.takeScript(args, i + 1);
                }
                return o;
            } else if (a.equals("--stats")) {
                o.stats = true;
            } else if (a.startsWith("--max-instructions=")) {
                o.maxInstructions = number(a);
            } else if (a.startsWith("--max-memory=")) {
                o.maxMemory = size(a);
            } else if (a.startsWith("--max-output=")) {
                o.maxOutput = size(a);
            } else if (a.startsWith("--max-depth=")) {
                o.maxDepth = (int) Math.min(Integer.MAX_VALUE, number(a));
            } else if (a.startsWith("--timeout=")) {
                o.timeoutMillis = duration(a);
            } else if (a.startsWith("--fixed-time=")) {
                o.fixedTime = Long.toString(number(a));
            } else if (a.startsWith("--random-seed=")) {
                o.randomSeed = Long.toString(signedNumber(a));
            } else if (a.equals("-") || !a.startsWith("-")) {
                o.takeScript(args, i);
                return o;
            } else {
                throw new IllegalArgumentException("unrecognized option '" + a + "'");
            }
            i++;
        }
        return o;
    }

    private void takeScript(String[] args, int at) {
        script = args[at];
        for (int j = at + 1; j < args.length; j++) {
            scriptArgs.add(args[j]);
        }
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }

    private static long number(String arg) {
        try {
            long v = Long.parseLong(value(arg));
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value in '" + arg + "'");
        }
    }

    private static long signedNumber(String arg) {
        try {
            return Long.parseLong(value(arg));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value in '" + arg + "'");
        }
    }

    /** A duration in milliseconds: "250ms", "2s", "1m", or a bare number of seconds. */
    static long duration(String arg) {
        String v = value(arg).toLowerCase();
        long unit = 1000;
        if (v.endsWith("ms")) {
            unit = 1;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            unit = 60_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value in '" + arg + "'");
        }
    }

    private static long size(String arg) {
        String v = value(arg).toLowerCase();
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1L << 10;
        } else if (v.endsWith("m")) {
            unit = 1L << 20;
        } else if (v.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size in '" + arg + "'");
        }
    }

    /** {@code [script source name, args...]}: what the language turns into {@code arg} and the script's {@code ...}. */
    String[] applicationArguments() {
        if (script == null) {
            return new String[0];
        }
        List<String> all = new ArrayList<>();
        all.add(script.equals("-") ? STDIN_NAME : script);
        all.addAll(scriptArgs);
        return all.toArray(new String[0]);
    }

    /** The name the context's module resolver is registered under (see ModuleFiles); forgotten when the run ends. */
    String moduleResolver;

    Context newContext() {
        moduleResolver = ModuleFiles.register(script);
        return Context.newBuilder("moat")
                .allowAllAccess(false)
                .allowCreateThread(true) // only for coroutines (virtual threads); scripts cannot create threads
                .allowPolyglotAccess(org.graalvm.polyglot.PolyglotAccess.newBuilder().allowBindingsAccess("moat").build())
                .out(System.out)
                .err(System.err)
                .in(System.in)
                .allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false")
                .option("engine.WarnVirtualThreadSupport", "false")
                .option("moat.FlushLines", Boolean.toString(Boolean.getBoolean("moat.stdoutIsTerminal")))
                .option("moat.MaxInstructions", Long.toString(maxInstructions))
                .option("moat.MaxMemory", Long.toString(maxMemory))
                .option("moat.MaxOutput", Long.toString(maxOutput))
                .option("moat.MaxDepth", Integer.toString(maxDepth))
                .option("moat.FixedTime", fixedTime)
                .option("moat.RandomSeed", randomSeed)
                .arguments("moat", applicationArguments())
                .option("moat.ModuleResolver", moduleResolver)
                .build();
    }
}
