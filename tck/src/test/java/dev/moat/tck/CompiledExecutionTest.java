package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Runs hot code with immediate, synchronous Graal compilation (compilation failures throw) and checks
 * that the Graal JIT is really in use and that compiled code computes what the interpreter computes.
 */
class CompiledExecutionTest {
    private static final String PROGRAM = """
            local function mandel(size)
              local sum = 0
              for y = 0, size - 1 do
                local ci = 2.0 * y / size - 1.0
                for x = 0, size - 1 do
                  local cr = 2.0 * x / size - 1.5
                  local zr, zi, i = 0.0, 0.0, 0
                  while i < 50 and zr * zr + zi * zi < 4.0 do
                    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                    i = i + 1
                  end
                  sum = sum + i
                end
              end
              return sum
            end
            local Point = {}
            Point.__index = Point
            function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
            function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
            local p = Point.new(0, 0)
            for i = 1, 20000 do p = p:add(Point.new(i, -i)) end
            local s = ""
            for i = 1, 200 do s = s .. (i % 10) end
            local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
            print(mandel(60), p.x, p.y, #s, tail(100000, 0))
            """;

    /**
     * Objects of one shape whose fields hold integers in some and floats in others, read at the same
     * compiled sites, and one object whose fields change subtype in a compiled loop: a table keeps the
     * subtype of each field in the object, not in its shape, and read sites profile it (a site compiled
     * for floats must deoptimise, not misread, when an integer comes).
     */
    private static final String FIELD_SUBTYPES = """
            local V = {}
            V.__index = V
            local function vec(x, y) return setmetatable({x = x, y = y}, V) end
            function V:sum() return self.x + self.y end
            local out, acc = {}, 0
            for i = 1, 3000 do
              local v
              if i < 2000 then v = vec(i + 0.5, i * 0.25)
              elseif i % 2 == 0 then v = vec(i, 2)
              else v = vec(i * 1.0, i // 2) end
              acc = acc + v:sum()
              if i % 500 == 0 or i > 2997 then
                out[#out + 1] = math.type(v.x) .. "/" .. math.type(v.y) .. "=" .. tostring(v:sum())
              end
            end
            local o = vec(0, 0)
            for i = 1, 1000 do
              if i % 3 == 0 then o.x = math.floor(o.x) else o.x = o.x + 0.5 end
              o.y = o.y + (i % 2 == 0 and 1 or 0.5)
            end
            print(acc, table.concat(out, " "), o.x, math.type(o.x), o.y, math.type(o.y))
            """;

    private static String run(Engine engine) {
        return run(engine, PROGRAM);
    }

    private static String run(Engine engine, String program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("moat").engine(engine).out(out).build()) {
            for (int i = 0; i < 3; i++) {
                context.eval(Source.create("moat", program));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compiledCodeGivesInterpreterResults() {
        String compiled;
        String implementation;
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            implementation = engine.getImplementationName();
            compiled = run(engine);
        }
        String interpreted;
        try (Engine engine = MoatRunner.interpreterOnlyEngine()) {
            interpreted = run(engine);
        }
        assertNotEquals("Interpreted", implementation, "the Graal JIT must be active in tests (see surefire argLine)");
        assertEquals(interpreted, compiled);
        // Expected output computed by the reference lua5.4 for this program.
        assertEquals("87580\t200010000\t-200010000\t200\t5000050000\n".repeat(3), compiled);
    }

    @Test
    void fieldSubtypesSurviveCompiledSites() {
        String compiled;
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            compiled = run(engine, FIELD_SUBTYPES);
        }
        String interpreted;
        try (Engine engine = MoatRunner.interpreterOnlyEngine()) {
            interpreted = run(engine, FIELD_SUBTYPES);
        }
        assertEquals(interpreted, compiled);
        // Expected output computed by the reference lua5.4 for this program.
        assertEquals(("5628001.5\tfloat/float=625.5 float/float=1250.5 float/float=1875.5 integer/integer=2002 "
                        + "integer/integer=2502 integer/integer=3000 float/integer=4498.0 integer/integer=3002"
                        + "\t333.5\tfloat\t750.0\tfloat\n").repeat(3), compiled);
    }

    /** A call site over several builtins, each called first in a loop that gets compiled. */
    private static final String BUILTIN_CALLS = """
            local fs = {string.reverse, string.upper, string.lower, string.len, tostring, math.abs}
            local acc = {}
            for i = 1, 3000 do
              local f = fs[i % #fs + 1]
              local r = f == math.abs and f(-i) or f("Moat" .. i % 7)
              if i > 2990 then acc[#acc + 1] = tostring(r) end
            end
            print(table.concat(acc, ","))
            """;

    /**
     * Builtins get their call targets on their first call (MoatFunction.lazy). Both contexts are set up
     * before any builtin is called, so the second one's functions are still unresolved when they reach the
     * code the first one got compiled: compiled code must resolve them (leaving to the interpreter), not
     * misread them.
     */
    @Test
    void builtinsFirstCalledFromCompiledCodeOfAnotherContext() {
        String expected = "5,Moat3,2993,5taoM,MOAT6,moat0,5,Moat2,2999,4taoM\n"; // lua5.4's output
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            try (Context a = Context.newBuilder("moat").engine(engine).out(outA).build();
                 Context b = Context.newBuilder("moat").engine(engine).out(outB).build()) {
                a.initialize("moat");
                b.initialize("moat");
                Source program = Source.create("moat", BUILTIN_CALLS);
                a.eval(program);
                b.eval(program);
                b.eval(program);
            }
            assertEquals(expected, outA.toString(StandardCharsets.UTF_8));
            assertEquals(expected.repeat(2), outB.toString(StandardCharsets.UTF_8));
        }
    }
}
