package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Budgets stay exact and in force with coroutines, for both coroutine backends (JDK continuations and
 * the virtual-thread fallback): exhausting a budget inside a coroutine ends the whole run whatever
 * pcall or close sits in between, a timeout ends a run while coroutines are suspended or while the
 * resumer waits, MaxCoroutines limits live coroutines only, and instruction and allocation counts are
 * the same interpreted and compiled, across runs, and across backends.
 */
class CoroutineLimitsTest {
    private static final String WORKLOAD = """
            local function gen(n)
              return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
            end
            local sum = 0
            for round = 1, 15 do
              for v in gen(40) do sum = sum + v * round end
              local co = coroutine.create(function(a, b)
                local c = coroutine.yield(a + b)
                local ok, err = pcall(function() coroutine.yield(c * 2) error("boom") end)
                return ok, err
              end)
              local _, x = coroutine.resume(co, round, 1)
              local _, y = coroutine.resume(co, x)
              local _, ok, err = coroutine.resume(co)
              sum = sum + x + y + (ok and 1 or 0) + #err
              local closing = coroutine.create(function()
                local t <close> = setmetatable({}, {__close = function() sum = sum + 1 end})
                coroutine.yield()
              end)
              coroutine.resume(closing)
              coroutine.close(closing)
            end
            return sum, coroutine.status(coroutine.running())
            """;

    private static MoatEngine engine(String backend, Limits limits, String... options) {
        MoatEngine.Builder b = MoatEngine.builder().limits(limits).engineOption("moat.CoroutineBackend", backend);
        for (int i = 0; i < options.length; i += 2) {
            b.engineOption(options[i], options[i + 1]);
        }
        return b.build();
    }

    private static MoatException.Kind failureOf(String backend, Limits limits, String code) {
        try (MoatEngine e = engine(backend, limits)) {
            MoatException ex = assertThrows(MoatException.class, () -> e.compile("limits.moat", code).run());
            return ex.kind();
        }
    }

    @Test
    void countsAreIdenticalInterpretedCompiledAndAcrossBackends() {
        Limits limits = Limits.defaults().withInstructions(0).withTimeout(Duration.ofSeconds(120));
        List<Result> results = new ArrayList<>();
        for (String backend : List.of("continuation", "thread")) {
            try (MoatEngine interpreted = engine(backend, limits, "engine.Compilation", "false");
                 MoatEngine compiled = engine(backend, limits, "engine.CompileImmediately", "true",
                         "engine.BackgroundCompilation", "false")) {
                for (int i = 0; i < 2; i++) {
                    results.add(interpreted.compile("workload.moat", WORKLOAD).run());
                    results.add(compiled.compile("workload.moat", WORKLOAD).run());
                }
            }
        }
        Result first = results.get(0);
        assertTrue(first.instructions() > 3_000, "the workload must do real work: " + first.instructions());
        for (Result r : results) {
            assertEquals(first.values(), r.values());
            assertEquals(first.instructions(), r.instructions(), "instruction count must not depend on compilation or backend");
            assertEquals(first.bytesAllocated(), r.bytesAllocated(), "allocation count must not depend on compilation or backend");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void budgetExhaustionInsideACoroutineEndsTheRun(String backend) {
        Limits limits = Limits.defaults().withInstructions(300_000).withTimeout(Duration.ofSeconds(60));
        assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, failureOf(backend, limits, """
                local co = coroutine.create(function() while true do end end)
                print(pcall(coroutine.resume, co))
                while true do end
                """));
        assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, failureOf(backend, limits, """
                local outer = coroutine.wrap(function()
                  local inner = coroutine.wrap(function() while true do end end)
                  return pcall(inner)
                end)
                print(pcall(outer))
                while true do end
                """));
        assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, failureOf(backend, limits, """
                local co = coroutine.create(function()
                  local t <close> = setmetatable({}, {__close = function() while true do end end})
                  coroutine.yield()
                end)
                coroutine.resume(co)
                print(pcall(coroutine.close, co))
                while true do end
                """));
        assertEquals(MoatException.Kind.MEMORY_BUDGET, failureOf(backend, limits.withMemory(1 << 20), """
                local co = coroutine.wrap(function() return string.rep("x", 1 << 24) end)
                print(pcall(co))
                while true do end
                """));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void suspendedStacksAreChargedOncePerLevel(String backend) {
        Limits limits = Limits.defaults().withTimeout(Duration.ofSeconds(60));
        // Stacks kept by suspended coroutines are memory the script holds: 200 coroutines suspended
        // 900 calls deep would keep hundreds of MB of frames on the host's heap.
        assertEquals(MoatException.Kind.MEMORY_BUDGET, failureOf(backend, limits, """
                local function down(n) if n == 0 then return coroutine.yield() end return 1 + down(n - 1) end
                local held = {}
                for i = 1, 200 do
                  held[i] = coroutine.create(function() return down(900) end)
                  assert(coroutine.resume(held[i]))
                end
                """));
        // ...but a generator yielding again and again at the same depth is charged once.
        String generator = """
                local n = ...
                local function down(k) if k == 0 then coroutine.yield(1) return 0 end return 1 + down(k - 1) end
                local gen = coroutine.wrap(function() for i = 1, n do down(5) end end)
                for i = 1, n do gen() end
                """;
        try (MoatEngine e = engine(backend, limits)) {
            long few = e.compile("few.moat", generator.replace("local n = ...", "local n = 10")).run().bytesAllocated();
            long many = e.compile("many.moat", generator.replace("local n = ...", "local n = 1000")).run().bytesAllocated();
            assertEquals(few, many, "yields at the same depth must not be charged again");
            assertTrue(few >= 6 * 1024, "the stack of the suspended generator is charged: " + few);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void timeoutEndsARunWhileCoroutinesAreSuspendedOrRunning(String backend) {
        Limits limits = Limits.defaults().withInstructions(0).withTimeout(Duration.ofMillis(1500));
        // the resumer waits while the coroutine spins
        assertEquals(MoatException.Kind.TIMEOUT, failureOf(backend, limits, """
                local co = coroutine.wrap(function() while true do end end)
                co()
                """));
        // many coroutines are suspended while the main code spins
        assertEquals(MoatException.Kind.TIMEOUT, failureOf(backend, limits, """
                local held = {}
                for i = 1, 500 do
                  held[i] = coroutine.create(function() coroutine.yield() end)
                  coroutine.resume(held[i])
                end
                while true do end
                """));
        // a coroutine waits for a nested one that spins
        assertEquals(MoatException.Kind.TIMEOUT, failureOf(backend, limits, """
                local outer = coroutine.wrap(function()
                  coroutine.wrap(function() while true do end end)()
                end)
                outer()
                """));
        try (MoatEngine e = engine(backend, limits)) {
            assertEquals(List.of(3L), e.compile("after.moat", "return coroutine.wrap(function() coroutine.yield(3) end)()").run().values(),
                    "the engine still runs coroutines after timeouts");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "thread"})
    void maxCoroutinesLimitsLiveCoroutinesOnly(String backend) {
        // The embedding API allows 1,000 live coroutines; finished ones do not count.
        try (MoatEngine e = engine(backend, Limits.defaults().withInstructions(0).withTimeout(Duration.ofSeconds(60)))) {
            Result finished = e.compile("finished.moat", """
                    local n = 0
                    for i = 1, 3000 do
                      local ok, v = coroutine.resume(coroutine.create(function(x) return x end), i)
                      n = n + v
                    end
                    return n
                    """).run();
            assertEquals(List.of(3000L * 3001 / 2), finished.values());
            Result live = e.compile("live.moat", """
                    local held = {}
                    for i = 1, 1000 do
                      held[i] = coroutine.create(function() coroutine.yield() end)
                      coroutine.resume(held[i])
                    end
                    local ok, err = pcall(coroutine.create, function() end)
                    coroutine.resume(held[1])
                    coroutine.resume(held[1])
                    local again = pcall(coroutine.create, function() end)
                    return ok, err, again
                    """).run();
            // no position: the error is raised in create, called by pcall (not by Lua code), as in Lua
            assertEquals(List.of(false, "too many live coroutines (limit 1000)", true), live.values());
        }
    }
}
