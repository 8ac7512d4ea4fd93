package dev.moat.bench;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Result;
import dev.moat.interpreter.api.Script;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark programs run the way a host runs untrusted code: one {@link MoatEngine}, the program
 * compiled once, and every {@link Script#run} in a fresh context with instruction and memory limits set.
 * Compiled code is then shared by all contexts of the engine, so nothing a single context makes constant
 * (its upvalues, its globals, its limits, the context itself) is folded into it; {@link ProgramBenchmark}
 * measures the same programs in one long-lived context (as the CLI runs them). The two at the same sizes
 * give what sharing the engine costs. Each run's printed line is checked, so a broken run cannot be timed
 * as a fast one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class SharedEngineBenchmark {
    @Param({"fib:27", "mandelbrot:250", "richards:40", "spectralnorm:150", "queens:8", "tables:800", "closures:600"})
    public String program;

    private MoatEngine engine;
    private Script script;
    private String name;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String[] spec = program.split(":");
        name = spec[0];
        Path file = Path.of(System.getProperty("moat.bench.programs", "bench/programs"), name + ".lua");
        String code = Files.readString(file);
        // The chunk runs run(size) once and prints its result; it must not return run (a function cannot
        // cross to the host), and the arguments come first, as a global.
        int tail = code.lastIndexOf("\nreturn run");
        if (tail < 0) {
            throw new IllegalStateException(file + " does not end with 'return run'");
        }
        code = "arg = {'" + spec[1] + "', '1'}\n" + code.substring(0, tail + 1);
        engine = MoatEngine.builder().limits(Limits.defaults().withInstructions(1L << 50).withMemory(1L << 50)
                .withTimeout(Duration.ofMinutes(1))).build();
        script = engine.compile(file.getFileName().toString(), code);
    }

    @Benchmark
    public String runProgram() {
        Result r = script.run();
        if (!r.output().startsWith(name + ": ")) {
            throw new IllegalStateException(name + " printed " + r.output());
        }
        return r.output();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
