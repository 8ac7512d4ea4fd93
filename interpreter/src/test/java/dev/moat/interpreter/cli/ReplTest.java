package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REPL prints expression values, keeps globals between lines and reads on inside open constructs. */
class ReplTest {
    @Test
    void evaluatesLinesLikeTheLuaRepl() {
        String input = "x = 21\nx * 2\nfunction f(a)\n  return a + 1\nend\nf(1), 'two'\nprint('p')\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Context context = Context.newBuilder("moat").out(out).err(out)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            int rc = new Repl(context, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).run();
            assertEquals(0, rc);
        }
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        String expected = MoatMain.VERSION + "\n> > 42\n> >> >> > 2\ttwo\n> p\n> \n";
        assertEquals(expected, transcript);
    }
}
