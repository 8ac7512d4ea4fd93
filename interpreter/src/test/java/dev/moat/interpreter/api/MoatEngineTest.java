package dev.moat.interpreter.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoatEngineTest {
    private static MoatEngine engine;
    private static final List<Object> recorded = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        engine = MoatEngine.builder()
                .limits(Limits.defaults().withInstructions(200_000).withTimeout(Duration.ofSeconds(5)))
                .hostFunction("rate", 1, args -> Map.of("gold", 0.1, "silver", 0.05).getOrDefault((String) args.get(0), 0.0))
                .hostFunction("record", 1, args -> {
                    recorded.add(args.get(0));
                    return null;
                })
                .hostFunction("fail", 0, args -> {
                    throw new IllegalArgumentException("no such customer");
                })
                .build();
    }

    @AfterAll
    static void tearDown() {
        engine.close();
    }

    @Test
    void runsWithInputsAndReturnsCopiedValues() {
        Script s = engine.compile("rule.moat", """
                local total = 0
                for _, item in ipairs(order.items) do total = total + item.price * item.qty end
                print("items", #order.items)
                return total * (1 - rate(order.tier)), {ok = true, list = {1, 2, "x"}}
                """);
        Result r = s.run(Map.of("order", Map.of("tier", "gold", "items",
                List.of(Map.of("price", 10.0, "qty", 2), Map.of("price", 5, "qty", 1)))));
        assertEquals(22.5, (Double) r.values().get(0), 1e-9);
        assertEquals(Map.of("ok", true, "list", List.of(1L, 2L, "x")), r.values().get(1));
        assertEquals("items\t2\n", r.output());
        assertTrue(r.instructions() > 0);
        assertTrue(r.bytesAllocated() > 0);
    }

    /** Lua counts "\n\r" as one line break, the polyglot API as two: messages and tracebacks name Lua's lines. */
    @Test
    void errorLinesCountLineBreaksAsLuaDoes() {
        Script s = engine.compile("lines.moat", "local x = 1\n\rlocal function f()\n\r  return x.y.z\n\rend\n\rreturn f()");
        MoatException e = assertThrows(MoatException.class, () -> s.run(Map.of()));
        assertTrue(e.getMessage().startsWith("lines.moat:3: attempt to index a number value"), e.getMessage());
        assertTrue(e.traceback().get(0).startsWith("lines.moat:3: "), e.traceback().toString());
        assertTrue(e.traceback().get(1).startsWith("lines.moat:5: "), e.traceback().toString());
    }

    @Test
    void aLibraryNameNoLibraryHasFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MoatEngine.builder().libraries("string", "strng").build());
        assertTrue(e.getMessage().contains("unknown library 'strng'"), e.getMessage());
        assertTrue(e.getMessage().contains("string, table"), e.getMessage()); // the names it could have meant
        try (MoatEngine only = MoatEngine.builder().libraries("string").build()) {
            Result r = only.compile("libs.moat", "return type(string), type(table)").run(Map.of());
            assertEquals(List.of("table", "nil"), r.values());
        }
    }

    @Test
    void hostFixesTheClockAndTheRandomSeedForDeterministicRuns() {
        String code = "return os.time(), os.date('!%H:%M', 3600), math.random(1, 1000000), os.clock() < 1e-3";
        try (MoatEngine fixed = MoatEngine.builder().fixedTime(java.time.Instant.ofEpochSecond(1234567890))
                .randomSeed(99).build()) {
            Script s = fixed.compile("clock.moat", code);
            Result a = s.run();
            Result b = s.run();
            assertEquals(1234567890L, a.values().get(0));
            assertEquals("01:00", a.values().get(1));
            assertEquals(a.values(), b.values(), "same seed and clock, same results in every fresh context");
            assertEquals(true, a.values().get(3));
        }
    }

    @Test
    void syntaxErrorsHaveLineAndColumn() {
        MoatException e = assertThrows(MoatException.class, () -> engine.compile("bad.moat", "local x = \n x = = 1"));
        assertEquals(MoatException.Kind.SYNTAX, e.kind());
        assertTrue(e.getMessage().startsWith("bad.moat:2:"), e.getMessage());
    }

    @Test
    void compilingHostileSourceNeedsNoHostStack() throws Exception {
        // A long flat call chain parses into a deep tree; compiling it from a host thread with a small
        // stack must still work, because parsing happens on a runner thread.
        String chain = "return f" + "()".repeat(50_000);
        Object[] outcome = new Object[1];
        Thread small = new Thread(null, () -> {
            try {
                outcome[0] = engine.compile("chain.moat", chain);
            } catch (Throwable t) {
                outcome[0] = t;
            }
        }, "small-stack-host", 256 << 10);
        small.start();
        small.join();
        assertTrue(outcome[0] instanceof Script, String.valueOf(outcome[0]));
    }

    @Test
    void instructionBudgetCannotBeCaught() {
        Script s = engine.compile("loop.moat", "while true do pcall(function() while true do end end) end");
        MoatException e = assertThrows(MoatException.class, s::run);
        assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, e.kind());
    }

    /** A host may grant a larger budget after an exhaustion: a script must not be able to ask for one. */
    @Test
    void aScriptCannotPassItsOwnErrorOffAsAnExhaustedBudget() {
        for (String message : List.of("instruction budget exhausted (limit 200000)", "memory budget exhausted (limit 1)",
                "output limit exceeded (limit 1)")) {
            Script s = engine.compile("fake.moat", "error('" + message + "', 0)");
            MoatException e = assertThrows(MoatException.class, s::run);
            assertEquals(MoatException.Kind.RUNTIME, e.kind(), message);
            assertEquals(message, e.getMessage());
        }
        Script real = engine.compile("real.moat", "local ok = pcall(function() while true do end end) error('not reached')");
        assertEquals(MoatException.Kind.INSTRUCTION_BUDGET, assertThrows(MoatException.class, real::run).kind());
    }

    /**
     * DEPTH and HOST_FUNCTION too are what the runtime raised (through coroutine.wrap, or caught and raised again),
     * never a message alone: a look-alike counts only after the runtime raised a real one in the run.
     */
    @Test
    void depthAndHostFunctionKindsAreTheRuntimesOwn() {
        for (String code : List.of("error('stack overflow', 0)", "error('C stack overflow')", "error(\"host function 'rate': down\", 0)",
                "local ok = pcall(fail) error('x: stack overflow', 0)")) {
            MoatException e = assertThrows(MoatException.class, engine.compile("fake.moat", code)::run);
            assertEquals(MoatException.Kind.RUNTIME, e.kind(), code);
        }
        for (String code : List.of("local function f() return f() + 1 end f()", "coroutine.wrap(function() local function f() return 1 + f() end f() end)()",
                "local a = function(a) coroutine.wrap(a)(a) end a(a)",
                "local ok, e = pcall(function() local function f() return 1 + f() end f() end) error(e, 0)")) {
            assertEquals(MoatException.Kind.DEPTH, assertThrows(MoatException.class, engine.compile("deep.moat", code)::run).kind(), code);
        }
        for (String code : List.of("fail()", "coroutine.wrap(function() fail() end)()", "rate(1, 2)", "local ok, e = pcall(fail) error(e, 0)")) {
            assertEquals(MoatException.Kind.HOST_FUNCTION, assertThrows(MoatException.class, engine.compile("host.moat", code)::run).kind(), code);
        }
    }

    @Test
    void memoryBombStopsBeforeTheHeap() {
        Script s = engine.compile("bomb.moat", "return string.rep('x', 1 << 30)");
        MoatException e = assertThrows(MoatException.class, s::run);
        assertEquals(MoatException.Kind.MEMORY_BUDGET, e.kind());
        Script t = engine.compile("bomb2.moat", "local s = 'x' while true do s = s .. s end");
        assertEquals(MoatException.Kind.MEMORY_BUDGET, assertThrows(MoatException.class, t::run).kind());
    }

    @Test
    void outputIsLimited() {
        Script s = engine.compile("flood.moat", "for i = 1, 100000 do print('flood flood flood') end");
        assertEquals(MoatException.Kind.OUTPUT_LIMIT, assertThrows(MoatException.class, s::run).kind());
    }

    @Test
    void timeoutIsASafetyNet() {
        Script s = engine.compile("spin.moat", "while true do end");
        MoatException e = assertThrows(MoatException.class,
                () -> s.run(Map.of(), Limits.defaults().withInstructions(0).withTimeout(Duration.ofMillis(300))));
        assertEquals(MoatException.Kind.TIMEOUT, e.kind());
    }

    @Test
    void deepRecursionIsADepthError() {
        Script s = engine.compile("rec.moat", "local function f(n) return 1 + f(n + 1) end return f(1)");
        assertEquals(MoatException.Kind.DEPTH, assertThrows(MoatException.class, s::run).kind());
    }

    @Test
    void hostFunctionErrorsAreCatchableAndClean() {
        Script s = engine.compile("host.moat", "local ok, err = pcall(fail) return ok, err");
        Result r = s.run();
        assertEquals(false, r.values().get(0));
        String err = (String) r.values().get(1);
        assertTrue(err.contains("host function 'fail': no such customer"), err);
        assertFalse(err.contains("Exception"), err);
        Script t = engine.compile("host2.moat", "fail()");
        assertEquals(MoatException.Kind.HOST_FUNCTION, assertThrows(MoatException.class, t::run).kind());
    }

    @Test
    void hostFunctionsReceiveCopies() {
        recorded.clear();
        Script s = engine.compile("copy.moat", "local t = {a = {1, 2}} record(t) t.a[1] = 99 record(t.a) return t.a[1]");
        Result r = s.run();
        assertEquals(99L, r.value());
        assertEquals(Map.of("a", List.of(1L, 2L)), recorded.get(0));
        assertEquals(List.of(99L, 2L), recorded.get(1));
        Script cyc = engine.compile("cycle.moat", "local t = {} t.self = t record(t)");
        assertEquals(MoatException.Kind.RUNTIME, assertThrows(MoatException.class, cyc::run).kind());
        Script fn = engine.compile("fn.moat", "record(print)");
        assertEquals(MoatException.Kind.RUNTIME, assertThrows(MoatException.class, fn::run).kind());
    }

    @Test
    void runsAreIsolatedAndDeterministic() {
        Script a = engine.compile("a.moat", "leaked = 42 string.rep = nil local s = 0 for i = 1, 1000 do s = s + i end return s");
        Script b = engine.compile("b.moat", "return leaked, ('x'):rep(3)");
        Result first = a.run();
        Result second = a.run();
        assertEquals(first.instructions(), second.instructions());
        assertEquals(first.bytesAllocated(), second.bytesAllocated());
        Result r = b.run();
        assertEquals(null, r.values().get(0));
        assertEquals("xxx", r.values().get(1));
    }

    @Test
    void sandboxHasNoEscapeHatches() {
        Script s = engine.compile("probe.moat", """
                local names = {"java", "luajava", "Packages", "Java", "debug", "dofile", "loadfile",
                  "loadstring", "collectgarbage_stop", "newproxy", "getfenv", "setfenv", "module", "jit", "ffi", "require_host"}
                local found = {}
                for _, n in ipairs(names) do if _G[n] ~= nil then found[#found + 1] = n end end
                local bad = {}
                for _, n in ipairs({"exit", "execute", "getenv", "remove", "rename", "tmpname"}) do
                  if os[n] ~= nil then bad[#bad + 1] = n end
                end
                assert(package.loadlib == nil and package.cpath == nil and package.path == nil and package.searchers == nil)
                return #found, #bad, io.open == nil, io.popen == nil, string.dump == nil,
                  load(string.char(27) .. "Lua") == nil
                """);
        Result r = s.run();
        assertEquals(List.of(0L, 0L, true, true, true, true), r.values());
    }

    @Test
    void requireUsesOnlyTheHostResolver() {
        try (MoatEngine withModules = MoatEngine.builder()
                .moduleResolver(name -> name.equals("util.math") ? "local M = {} function M.sq(x) return x * x end return M" : null)
                .build()) {
            Result r = withModules.compile("main.moat", """
                    local m = require("util.math")
                    local again = require("util.math")
                    local ok, err = pcall(require, "missing")
                    return m.sq(7), m == again, package.loaded["util.math"] == m, ok, err:sub(1, 24)
                    """).run();
            assertEquals(List.of(49L, true, true, false, "module 'missing' not fou"), r.values());
        }
        try (MoatEngine failing = MoatEngine.builder()
                .moduleResolver(name -> {
                    throw new IllegalArgumentException("disk on fire: /secret/path");
                })
                .build()) {
            Result r = failing.compile("main.moat", "return pcall(require, 'anything')").run();
            // the host's exception becomes a catchable Lua error that names the module, not the host's message
            assertEquals(List.of(false, "error loading module 'anything' from the host's module resolver"), r.values());
        }
        Script noResolver = engine.compile("req.moat", "return (pcall(require, 'os'))");
        assertEquals(true, noResolver.run().values().get(0), "built-in libraries are in package.loaded");
    }

    @Test
    void sessionsKeepState() {
        try (Session session = engine.newSession()) {
            session.eval("counter = 0 function bump(n) counter = counter + n return counter end");
            assertEquals(5L, session.eval("return bump(5)").value());
            assertEquals(8L, session.eval("return bump(3)").value());
        }
    }
}
