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

    private static String run(Engine engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = Context.newBuilder("moat").engine(engine).out(out).build()) {
            for (int i = 0; i < 3; i++) {
                context.eval(Source.create("moat", PROGRAM));
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
}
