package dev.moat.tck;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For properties that compare Moat with lua5.4 on batches of generated cases: a scratch directory where
 * each batch is written and run by lua5.4 in one process, and one Moat context (its own engine) that runs
 * the same text. Outputs are byte strings read as Latin-1.
 */
final class LuaBatch implements AutoCloseable {
    private final Path directory;
    private final ByteArrayOutputStream moatOut = new ByteArrayOutputStream();
    private final Context context;

    LuaBatch(String prefix) throws IOException {
        directory = Files.createTempDirectory(prefix);
        context = Context.newBuilder("moat").out(moatOut).err(moatOut).option("engine.WarnInterpreterOnly", "false").build();
    }

    /** What lua5.4 prints for {@code script} (saved as {@code name}); it must exit normally within a minute. */
    String runLua(String script, String name) throws IOException, InterruptedException {
        Files.writeString(directory.resolve(name), script, StandardCharsets.ISO_8859_1);
        Process lua = new ProcessBuilder("lua5.4", name).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(lua.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(lua.waitFor(60, TimeUnit.SECONDS), "lua5.4 did not finish");
        assertEquals(0, lua.exitValue(), output);
        return output;
    }

    /** What Moat prints for {@code script}; an error that escapes the script is thrown as a PolyglotException. */
    String runMoat(String script, String name) throws IOException {
        moatOut.reset();
        context.eval(Source.newBuilder("moat", script, name).build());
        return moatOut.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        context.close();
        try (var files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(directory);
    }

    /** Base of such property classes: one batch runner per class, opened before its first try, closed after its last. */
    abstract static class Properties {
        static LuaBatch batch;

        @BeforeContainer
        static void openBatch() throws IOException {
            batch = new LuaBatch("moat-batch");
        }

        @AfterContainer
        static void closeBatch() throws IOException {
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }
    }
}
