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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a host pays per request when it runs a script the way the embedding API is meant to be used: one
 * {@link MoatEngine}, the script compiled once, and every {@link Script#run} in a fresh, isolated context
 * with the default limits (instructions, memory, output, depth, a one-second timeout). Measures the whole
 * call on the host's thread: the hand-over to a runner thread, context creation with every standard
 * library, copying the inputs in, the run, copying the results out, closing the context.
 * <ul>
 * <li>{@code tiny}: {@code return 1+1}, the floor;</li>
 * <li>{@code rule}: a pricing rule over an order passed in as input (a list of three item records),
 * using {@code ipairs}, a string method and {@code string.format}.</li>
 * </ul>
 * Each result is checked, so a broken run cannot be timed as a fast one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class ContextBenchmark {
    static final String RULE = """
            local total = 0
            for _, item in ipairs(order.items) do
              local price = item.price * item.qty
              if item.sku:sub(1, 4) == "VIP-" then price = price * 0.9 end
              total = total + price
            end
            if total > 100 then total = total - 5 end
            return string.format("%.2f", total), #order.items
            """;

    static final Map<String, Object> ORDER = Map.of("order", Map.of("items", List.of(
            Map.of("sku", "VIP-1", "price", 12.5, "qty", 3),
            Map.of("sku", "STD-7", "price", 40.0, "qty", 2),
            Map.of("sku", "STD-9", "price", 3.25, "qty", 4))));

    @Param({"tiny", "rule"})
    public String script;

    private MoatEngine engine;
    private Script compiled;
    private Map<String, Object> inputs;
    private Object expected;

    @Setup(Level.Trial)
    public void setUp() {
        engine = MoatEngine.builder().limits(Limits.defaults()).build();
        switch (script) {
            case "tiny" -> {
                compiled = engine.compile("tiny.moat", "return 1+1");
                inputs = Map.of();
                expected = 2L;
            }
            case "rule" -> {
                compiled = engine.compile("rule.moat", RULE);
                inputs = ORDER;
                expected = "121.75"; // 12.5 * 3 * 0.9 + 40 * 2 + 3.25 * 4 = 126.75, less 5 over 100
            }
            default -> throw new IllegalArgumentException("script: tiny or rule");
        }
    }

    @Benchmark
    public Object run() {
        Result r = compiled.run(inputs);
        Object first = r.values().get(0);
        if (!expected.equals(first)) {
            throw new IllegalStateException(script + " returned " + r.values());
        }
        return first;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }
}
