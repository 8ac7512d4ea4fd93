package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REPL prints expression values, keeps globals between lines and reads on inside open constructs. */
class ReplTest {
    @Test
    void evaluatesLinesLikeTheLuaRepl() {
        String input = "x = 21\nx * 2\nfunction f(a)\n  return a + 1\nend\nf(1), 'two'\nprint('p')\nt = {f(\n1)}\nt[1]\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Context context = Context.newBuilder("moat").out(out).err(out)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            int rc = new Repl(context, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, out).run();
            assertEquals(0, rc);
        }
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        // a call left open inside a table constructor reads on too
        String expected = MoatMain.VERSION + "\n> > 42\n> >> >> > 2\ttwo\n> p\n> >> > 2\n> \n";
        assertEquals(expected, transcript);
    }

    /** What lua5.4's REPL prints for the same lines (a terminal session of it, 2026-12-06). */
    @Test
    void printsWhatChunksReturnAndErrorsWithoutTheProgramName() {
        String input = "x = 1\nreturn 5, 6\n=x\n= x + 1, nil\nerror('boom')\nlocal y = 3\nprint(y)\n"
                + "if true then return 'from', 'a block' end\nreturn\nerror({})\nprint = nil\n1\n";
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        try (Context context = Context.newBuilder("moat").out(out).err(err)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            int rc = new Repl(context, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err).run();
            assertEquals(0, rc);
        }
        assertEquals(MoatMain.VERSION + "\n> > 5\t6\n> 1\n> 2\tnil\n> > > nil\n> from\ta block\n> > > > > \n",
                outBytes.toString(StandardCharsets.UTF_8));
        String errors = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("stdin:1: boom\nstack traceback:\n"), errors);
        assertTrue(errors.contains("\n(error object is a table value)\n"), errors);
        assertTrue(errors.contains("\nerror calling 'print' (attempt to call a nil value)\n"), errors);
        assertFalse(errors.contains("(attempt to call a nil value)\nstack traceback"), errors); // lua.c prints none there
        assertFalse(errors.contains("moat:"), errors);
    }
}
