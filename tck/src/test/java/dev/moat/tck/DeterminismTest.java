package dev.moat.tck;

import dev.moat.interpreter.api.Limits;
import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.MoatException;
import dev.moat.interpreter.api.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SECURITY.md P2 and P5: instruction and allocation counts depend only on script and input — identical
 * across repeated runs and between the interpreter and immediately compiled code — and a run aborted at
 * any instruction leaves host data consistent (a host function either ran completely or not at all).
 */
class DeterminismTest {
    private static final String WORKLOAD = """
            local Point = {}
            Point.__index = Point
            function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
            function Point:len2() return self.x * self.x + self.y * self.y end
            local acc, parts = 0, {}
            for i = 1, 3000 do
              local p = Point.new(i, -i)
              acc = acc + p:len2() % 7
              if i % 100 == 0 then parts[#parts + 1] = tostring(i) .. ":" .. acc end
            end
            local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
            local co = coroutine.wrap(function() for i = 1, 50 do coroutine.yield(i) end end)
            local s = 0
            for i = 1, 50 do s = s + co() end
            -- proper tail calls: shallow ones (made as Java calls) and a deep tail recursion (unwound)
            function Point:walk(k) if k == 0 then return self.x end self.x = self.x + 1 return self:walk(k - 1) end
            local function viaTail(p) return p:len2() end
            local tails = Point.new(0, 0):walk(5000)
            for i = 1, 2000 do tails = (tails + viaTail(Point.new(i, 1))) % 100003 end
            return acc, fib(18), s, table.concat(parts, ","):len(), tails
            """;

    private static Result run(MoatEngine engine) {
        return engine.compile("workload.moat", WORKLOAD).run();
    }

    @Test
    void countsAreIdenticalInterpretedAndCompiled() {
        Limits limits = Limits.defaults().withInstructions(0).withTimeout(Duration.ofSeconds(60));
        List<Result> results = new ArrayList<>();
        try (MoatEngine interpreted = MoatEngine.builder().limits(limits).engineOption("engine.Compilation", "false").build();
             MoatEngine compiled = MoatEngine.builder().limits(limits).engineOption("engine.CompileImmediately", "true")
                     .engineOption("engine.BackgroundCompilation", "false").build()) {
            for (int i = 0; i < 3; i++) {
                results.add(run(interpreted));
                results.add(run(compiled));
            }
        }
        Result first = results.get(0);
        assertTrue(first.instructions() > 10_000);
        for (Result r : results) {
            assertEquals(first.values(), r.values());
            assertEquals(first.instructions(), r.instructions(), "instruction count must not depend on compilation");
            assertEquals(first.bytesAllocated(), r.bytesAllocated(), "allocation count must not depend on compilation");
        }
    }

    /**
     * Not only the final count: a limit stops a run at the same point interpreted and compiled, whatever the
     * compiler inlines, merges or keeps in registers between two limit tests (the test fails if compiled
     * code skips or moves a limit test, checked). The host function {@code mark} records how far each run
     * got; the error's traceback says where it stopped.
     */
    @Test
    void aLimitStopsARunAtTheSamePointInterpretedAndCompiled() {
        String script = """
                local Acc = {}
                Acc.__index = Acc
                function Acc.new() return setmetatable({n = 0}, Acc) end
                function Acc:add(v) self.n = self.n + v; return self end
                local function compose(f, g) return function(x) return f(g(x)) end end
                local inc = compose(function(x) return x + 1 end, function(x) return x * 2 end)
                local a, s = Acc.new(), ""
                for i = 1, 300 do
                  a:add(inc(i))
                  local j = 0
                  while j < i % 7 do j = j + 1 end
                  if ("k" .. i) < "k5" then s = s .. "x" end
                  mark(i)
                end
                return a.n, #s
                """;
        List<Object> interpretedMarks = new ArrayList<>();
        List<Object> compiledMarks = new ArrayList<>();
        try (MoatEngine interpreted = MoatEngine.builder().engineOption("engine.Compilation", "false")
                .hostFunction("mark", 1, args -> record(interpretedMarks, args.get(0))).build();
             MoatEngine compiled = MoatEngine.builder().engineOption("engine.CompileImmediately", "true")
                     .engineOption("engine.BackgroundCompilation", "false")
                     .hostFunction("mark", 1, args -> record(compiledMarks, args.get(0))).build()) {
            Limits unlimited = Limits.defaults().withInstructions(0).withTimeout(Duration.ofSeconds(60));
            long full = interpreted.compile("stop.moat", script).run(Map.of(), unlimited).instructions();
            assertEquals(full, compiled.compile("stop.moat", script).run(Map.of(), unlimited).instructions());
            for (int step = 1; step < 40; step++) {
                long k = full * step / 40 + step % 5; // across the run, at varying offsets within iterations
                Limits limits = unlimited.withInstructions(k);
                interpretedMarks.clear();
                compiledMarks.clear();
                MoatException i = assertThrows(MoatException.class,
                        () -> interpreted.compile("stop.moat", script).run(Map.of(), limits));
                MoatException c = assertThrows(MoatException.class,
                        () -> compiled.compile("stop.moat", script).run(Map.of(), limits));
                assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, i.kind());
                assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, c.kind());
                assertTrue(!interpretedMarks.isEmpty() && interpretedMarks.size() < 300, "limit " + k);
                assertEquals(interpretedMarks, compiledMarks, "the run must stop at the same point, limit " + k);
                assertEquals(i.traceback(), c.traceback(), "limit " + k);
            }
        }
    }

    private static Object record(List<Object> marks, Object mark) {
        marks.add(mark);
        return null;
    }

    @Test
    void abortAtAnyInstructionLeavesNoPartialWrites() {
        List<List<Object>> ledger = new ArrayList<>();
        String script = """
                for i = 1, 40 do
                  local entry = {id = i, amount = i * 10, tags = {"a", "b"}}
                  post(entry)
                end
                """;
        long full;
        try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults().withInstructions(0))
                .hostFunction("post", 1, args -> {
                    @SuppressWarnings("unchecked")
                    java.util.Map<String, Object> e = (java.util.Map<String, Object>) args.get(0);
                    ledger.add(List.of(e.get("id"), e.get("amount"), e.get("tags")));
                    return null;
                }).build()) {
            full = engine.compile("ledger.moat", script).run().instructions();
        }
        assertEquals(40, ledger.size());
        for (long k = 1; k <= full; k++) {
            ledger.clear();
            try (MoatEngine engine = MoatEngine.builder().limits(Limits.defaults().withInstructions(k))
                    .hostFunction("post", 1, args -> {
                        @SuppressWarnings("unchecked")
                        java.util.Map<String, Object> e = (java.util.Map<String, Object>) args.get(0);
                        ledger.add(List.of(e.get("id"), e.get("amount"), e.get("tags")));
                        return null;
                    }).build()) {
                try {
                    engine.compile("ledger.moat", script).run();
                    assertEquals(full, k, "only the full budget may complete");
                } catch (MoatException e) {
                    assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, e.kind());
                }
            }
            for (int i = 0; i < ledger.size(); i++) {
                assertEquals(List.of((long) i + 1, (long) (i + 1) * 10, List.of("a", "b")), ledger.get(i), "entry " + i + " at k=" + k);
            }
            if (k > 40) {
                k += full / 60; // sample the rest of the run; every early instruction is covered above
            }
        }
    }
}
