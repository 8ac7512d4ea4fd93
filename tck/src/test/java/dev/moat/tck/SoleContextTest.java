package dev.moat.tck;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interpreter takes the current context from a JVM-wide field while only one Moat context has ever
 * existed (MoatContext.get, as with the CLI). This runs in a fresh JVM, so that its first context is that
 * sole one, and checks that no code ever sees another context's state: a second context created while the
 * first is open (on its own engine, as Context.create makes one), the first used again after that, the first
 * closed, a third one afterwards, and two contexts run from two threads at once.
 */
class SoleContextTest {

    /** The child JVM's program: prints one line per check, "ok" last. */
    public static void main(String[] args) throws Exception {
        Context a = Context.create("moat");
        define(a, "A");
        expect(a, "A"); // the sole context
        Context b = Context.create("moat");
        define(b, "B");
        expect(b, "B");
        expect(a, "A");
        Thread other = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                expect(b, "B");
            }
        });
        other.start();
        for (int i = 0; i < 200; i++) {
            expect(a, "A");
        }
        other.join();
        a.close();
        expect(b, "B");
        Context c = Context.create("moat");
        define(c, "C");
        expect(c, "C");
        expect(b, "B");
        b.close();
        c.close();
        System.out.println("ok");
    }

    private static void define(Context context, String name) {
        context.eval("moat", "who = '" + name + "'; function whoami() local t = {} for i = 1, 3 do t[i] = who end return table.concat(t) end");
    }

    private static void expect(Context context, String name) {
        String got = context.eval("moat", "return whoami()").asString();
        if (!got.equals(name.repeat(3))) {
            System.out.println("context " + name + " saw " + got);
            System.exit(1);
        }
    }

    @Test
    void contextsNeverSeeEachOther() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), "-Dpolyglot.engine.WarnInterpreterOnly=false",
                SoleContextTest.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals("ok\n", out);
        assertEquals(0, p.exitValue());
    }
}
