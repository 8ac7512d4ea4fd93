package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import dev.moat.language.MoatLanguage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * An interactive session as {@code lua}'s: each input is first tried as {@code return <input>}, then as
 * statements, and whatever the chunk returns is printed with the global {@code print}; a first line
 * starting with {@code =} means {@code return}; input that ends inside an open construct asks for more
 * lines; errors are printed without the program's name.
 */
final class Repl {
    private final Context context;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    /** Whether {@link #run} first prints the version (not when the launcher has printed it: -v, -i). */
    private final boolean banner;

    Repl(Context context, InputStream in, PrintStream out, PrintStream err) {
        this(context, in, out, err, true);
    }

    Repl(Context context, InputStream in, PrintStream out, PrintStream err, boolean banner) {
        this.context = context;
        this.banner = banner;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    int run() {
        if (banner) {
            out.println(MoatMain.VERSION);
        }
        StringBuilder pending = new StringBuilder();
        while (true) {
            out.print(pending.isEmpty() ? "> " : ">> ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return 1;
            }
            if (line == null) {
                out.println();
                return 0;
            }
            if (pending.isEmpty() && line.startsWith("=")) {
                line = "return " + line.substring(1);
            }
            pending.append(line).append('\n');
            String code = pending.toString();
            Source asExpression = source("return " + code);
            if (parses(asExpression)) {
                run(asExpression);
                pending.setLength(0);
                continue;
            }
            Source asStatements = source(code);
            try {
                context.parse(asStatements);
            } catch (PolyglotException e) {
                if (e.isSyntaxError() && e.isIncompleteSource()) {
                    continue;
                }
            }
            pending.setLength(0);
            run(asStatements);
        }
    }

    private static Source source(String code) {
        return Source.newBuilder("moat", code, "stdin").mimeType(MoatLanguage.REPL_MIME_TYPE).buildLiteral();
    }

    private boolean parses(Source source) {
        try {
            context.parse(source);
            return true;
        } catch (PolyglotException e) {
            return false;
        }
    }

    /** Runs one input; its root prints what the chunk returns (see ReplRootNode). */
    private void run(Source source) {
        try {
            Interrupts.guard(context, () -> context.eval(source));
        } catch (PolyglotException e) {
            if (Interrupts.byCtrlC(e)) {
                Interrupts.report(e, err, ""); // and back to the prompt, as lua's
            } else {
                ErrorReporter.report(e, err, "");
            }
        }
    }
}
