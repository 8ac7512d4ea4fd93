package dev.moat.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Steady-state time of the benchmark programs (bench/programs) in Moat, compiled, under three budget
 * settings, to measure what the budgets cost:
 * <ul>
 * <li>{@code limits}: instruction and memory limits set (large enough never to end the run), as a host
 * running untrusted code sets them: compiled code counts and tests every limit (the call depth is
 * always limited, by default to 7000);</li>
 * <li>{@code unlimited}: the defaults (no limits); the meters still count, but with a single context
 * the unlimited tests fold away in compiled code;</li>
 * <li>{@code off}: nothing counted, call levels included ({@code moat.Metering=false}), the baseline.</li>
 * </ul>
 * Each program's chunk returns its run(n) function when called with arg[2] = 0.
 *
 * <p>Run: {@code mvn -pl bench -am package -DskipTests && java <jit flags> -cp ... org.openjdk.jmh.Main}
 * (see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class ProgramBenchmark {
    @Param({"fib:27", "mandelbrot:250", "richards:40", "spectralnorm:150", "queens:8", "tables:800"})
    public String program;

    @Param({"limits", "unlimited", "off"})
    public String budgets;

    private Context context;
    private Value run;
    private long size;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String[] spec = program.split(":");
        size = Long.parseLong(spec[1]);
        Path file = Path.of(System.getProperty("moat.bench.programs", "bench/programs"), spec[0] + ".lua");
        Context.Builder builder = Context.newBuilder("moat").allowCreateThread(true).allowExperimentalOptions(true)
                .option("engine.WarnVirtualThreadSupport", "false");
        switch (budgets) {
            case "limits" -> builder.option("moat.MaxInstructions", Long.toString(1L << 50))
                    .option("moat.MaxMemory", Long.toString(1L << 50));
            case "unlimited" -> { }
            case "off" -> builder.option("moat.Metering", "false");
            default -> throw new IllegalArgumentException("budgets: limits, unlimited or off");
        }
        context = builder.build();
        context.eval(Source.create("moat", "arg = {[1] = '1', [2] = '0'}"));
        run = context.eval(Source.newBuilder("moat", Files.readString(file), file.getFileName().toString()).build());
        if (!"Graal".equals(implementationName()) && implementationName().equals("Interpreted")) {
            throw new IllegalStateException("Graal JIT is not active: run with the JVMCI flags of bin/moat");
        }
    }

    private String implementationName() {
        return context.getEngine().getImplementationName();
    }

    @Benchmark
    public Object runProgram() {
        return run.execute(size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }
}
