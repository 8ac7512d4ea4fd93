package dev.moat.tck;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A method found through a class's {@code __index} chain, a global or library function, and a string
 * method (through the string metatable's {@code __index}), are folded
 * into compiled code as constants only while the engine serves one context, and redefining them afterwards
 * throws that code away (the compilation trace shows it invalidated by the key's assumption) and the new
 * function is called. On an engine shared by contexts nothing is folded, and the same programs give the
 * same output.
 */
class FoldedLookupsTest {
    private static final String PROGRAM = """
            local Base = {}; Base.__index = Base
            function Base:get() return self.x end
            local Sub = setmetatable({}, {__index = Base}); Sub.__index = Sub
            local function sum(o, n) local s = 0 for i = 1, n do s = s + o:get() end return s end
            local o = setmetatable({x = 2}, Sub)
            for _ = 1, 4 do print(sum(o, 3000)) end  -- sum compiled with get folded in
            function Base:get() return self.x * 100 end
            for _ = 1, 2 do print(sum(o, 3000)) end
            """;
    private static final String EXPECTED = "6000\n".repeat(4) + "600000\n".repeat(2);
    private static final String KEY_ASSUMPTION = "table key unchanged";
    private static final String GLOBALS = """
            function helper(x) return x + 1 end
            local function sum(n) local s = 0 for i = 1, n do s = s + helper(i) + math.abs(-1) end return s end
            for _ = 1, 4 do print(sum(3000)) end  -- sum compiled with helper and math.abs folded in
            function helper(x) return x + 2 end
            for _ = 1, 2 do print(sum(3000)) end
            math.abs = function() return 0 end
            print(sum(3000))
            """;
    private static final String GLOBALS_EXPECTED = "4507500\n".repeat(4) + "4510500\n".repeat(2) + "4507500\n";

    @Test
    void oneContextFoldsGlobalsAndAReassignmentInvalidatesThem() {
        assertFoldedThenInvalidated(GLOBALS, GLOBALS_EXPECTED);
    }

    @Test
    void aSharedEngineFoldsNoGlobals() {
        assertNothingFolded(GLOBALS, GLOBALS_EXPECTED);
    }

    private static final String STRING_METHODS = """
            local function count(s) local n = 0 for i = 1, #s do n = n + s:byte(i) end return n end
            for _ = 1, 4 do print(count(string.rep("ab", 1000))) end  -- count compiled with string.byte folded in
            getmetatable("").__index = {byte = function() return 1 end}
            for _ = 1, 2 do print(count(string.rep("ab", 1000))) end
            """;
    private static final String STRING_METHODS_EXPECTED = "195000\n".repeat(4) + "2000\n".repeat(2);

    @Test
    void oneContextFoldsStringMethodsAndAReplacedIndexInvalidatesThem() {
        assertFoldedThenInvalidated(STRING_METHODS, STRING_METHODS_EXPECTED);
    }

    @Test
    void aSharedEngineFoldsNoStringMethods() {
        assertNothingFolded(STRING_METHODS, STRING_METHODS_EXPECTED);
    }

    private static final String OPERATORS = """
            local V = {}
            V.__add = function(a, b) return a.x + b.x end
            V.__eq = function(a, b) return a.x == b.x end
            V.__lt = function(a, b) return a.x < b.x end
            V.__unm = function(a) return -a.x end
            V.__len = function(a) return a.x end
            V.__concat = function(a, b) return a.x end
            local function ops(a, b, n)
              local s = 0
              for i = 1, n do
                s = s + (a + b) + (-a) + #b + (a .. b)
                if a == b then s = s + 1 end
                if a < b then s = s + 2 end
              end
              return s
            end
            local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
            for _ = 1, 4 do print(ops(a, b, 3000)) end  -- ops compiled with the handlers folded in
            V.__add = function(a, b) return 100 end
            for _ = 1, 2 do print(ops(a, b, 3000)) end
            V.__lt = nil
            print(pcall(ops, a, b, 10))
            """;
    private static final String OPERATORS_EXPECTED = "21000\n".repeat(4) + "312000\n".repeat(2)
            + "false\tUnnamed:13: attempt to compare two table values\n";

    @Test
    void oneContextFoldsOperatorHandlersAndAReassignmentInvalidatesThem() {
        assertFoldedThenInvalidated(OPERATORS, OPERATORS_EXPECTED);
    }

    @Test
    void aSharedEngineFoldsNoOperatorHandlers() {
        assertNothingFolded(OPERATORS, OPERATORS_EXPECTED);
    }

    /** Handlers replaced, removed, added back, operands' metatables swapped: every operator, compiled at first call. */
    @Test
    void operatorHandlersThatChangeGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("metatables/cached_metamethods.moat");
    }

    /**
     * The class is a dictionary (its first keys were stored by computed keys, more than such a record keeps),
     * so the redefinition overwrites an entry of its hash part, which reads no field and checks no shape.
     */
    private static final String DICTIONARY_CLASS = """
            local Base = {}
            for i = 1, 20 do Base["m" .. i] = function(self) return i end end
            Base.__index = Base
            local Sub = setmetatable({}, {__index = Base}); Sub.__index = Sub
            local function sum(o, n) local s = 0 for i = 1, n do s = s + o:m3() end return s end
            local o = setmetatable({}, Sub)
            for _ = 1, 4 do print(sum(o, 3000)) end  -- sum compiled with m3 folded in
            local name = "m" .. 3
            Base[name] = function(self) return 100 end
            for _ = 1, 2 do print(sum(o, 3000)) end
            """;
    private static final String DICTIONARY_CLASS_EXPECTED = "9000\n".repeat(4) + "300000\n".repeat(2);

    @Test
    void aMethodOfADictionaryClassRedefinedByAComputedKeyInvalidatesIt() {
        assertFoldedThenInvalidated(DICTIONARY_CLASS, DICTIONARY_CLASS_EXPECTED);
    }

    @Test
    void oneContextFoldsTheMethodAndARedefinitionInvalidatesIt() {
        assertFoldedThenInvalidated(PROGRAM, EXPECTED);
    }

    @Test
    void aSharedEngineFoldsNoMethods() {
        assertNothingFolded(PROGRAM, EXPECTED);
    }

    /** The golden script that rewrites classes, methods and metatables between rounds, compiled at first call. */
    @Test
    void chainsThatChangeGiveLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("metatables/method_chain_changes.moat");
    }

    /**
     * One method-call site over classes whose {@code __index} is the class itself, then other tables, a function,
     * and a class whose {@code __index} changes: compiled at first call, in one context and with code sharing
     * forced (where the site follows the chain itself and profiles {@code __index} being the metatable).
     */
    @Test
    void indexThatIsOrIsNotTheMetatableGivesLuasResultsWhenCompiled() throws java.io.IOException {
        GoldenScripts.assertExpectedWhenCompiled("metatables/index_self_then_other.moat");
        GoldenScripts.assertExpectedWhenCompiled("metatables/index_self_then_other.moat", java.util.Map.of("engine.ForceCodeSharing", "true"));
    }

    private static void assertFoldedThenInvalidated(String program, String expected) {
        MoatRunner.Traced run = MoatRunner.runTracedSingleContext(program, 200, "engine.TraceCompilation");
        assertEquals(expected, run.stdout());
        assertTrue(run.log().lines().anyMatch(l -> l.contains("opt inv") && l.contains(KEY_ASSUMPTION)),
                () -> "no compiled code was invalidated by a table key's assumption:\n" + run.log());
    }

    private static void assertNothingFolded(String program, String expected) {
        MoatRunner.Traced run = MoatRunner.runTraced(program, 200, "engine.TraceCompilation");
        assertEquals(expected, run.stdout());
        assertTrue(run.log().contains("opt done"), () -> "nothing was compiled:\n" + run.log());
        assertFalse(run.log().contains(KEY_ASSUMPTION), () -> "a shared engine relied on a table's keys:\n" + run.log());
    }
}
