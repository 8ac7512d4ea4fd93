package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every library function compiles. A builtin whose compilation bails out (for instance because partial
 * evaluation meets a node it needs as a constant in a plain field) is not an error anyone sees: Truffle
 * gives up on it and it stays interpreted for good, a silent performance cliff (string.gsub was one).
 * {@code compiled/every_builtin.lua} calls each library function with the argument shapes of its
 * specialisations; here it runs with immediate, synchronous compilation whose failures throw, and its
 * results must equal those of the interpreter.
 */
class BuiltinCompilationTest {
    private static String script() throws IOException {
        try (InputStream in = BuiltinCompilationTest.class.getResourceAsStream("/compiled/every_builtin.lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's checksum line, the names it never called, and what it printed. */
    private static String[] run(Engine engine, String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Threads only for the coroutine fallback, where the JVM lacks the continuation export.
        try (Context context = Context.newBuilder("moat").engine(engine).out(out).allowCreateThread(true).build()) {
            String result = context.eval(Source.create("moat", script)).asString();
            int bar = result.indexOf('|');
            return new String[]{result.substring(0, bar), result.substring(bar + 1), out.toString(StandardCharsets.UTF_8)};
        }
    }

    @Test
    void everyLibraryFunctionCompilesAndAgreesWithTheInterpreter() throws IOException {
        String script = script();
        String[] compiled;
        try (Engine engine = MoatRunner.compileImmediatelyEngine()) {
            assertNotEquals("Interpreted", engine.getImplementationName(), "the Graal JIT must be active in tests");
            compiled = run(engine, script);
        }
        String[] interpreted;
        try (Engine engine = MoatRunner.interpreterOnlyEngine()) {
            interpreted = run(engine, script);
        }
        assertEquals("", compiled[1], "library functions every_builtin.lua does not call (add them there)");
        assertEquals(interpreted[0], compiled[0]);
        assertEquals(interpreted[2], compiled[2]);
        assertEquals(3, compiled[2].split("every_builtin round").length - 1, compiled[2]);
    }
}
