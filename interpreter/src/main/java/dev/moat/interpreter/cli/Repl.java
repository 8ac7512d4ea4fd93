package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A basic interactive session: each input is first tried as an expression list (its values are
 * printed, like {@code lua}'s REPL), then as statements; input that ends inside an open construct
 * asks for more lines.
 */
final class Repl {
    private final Context context;
    private final BufferedReader in;
    private final PrintStream out;

    Repl(Context context, InputStream in, PrintStream out) {
        this.context = context;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    int run() {
        out.println(MoatMain.VERSION);
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
            pending.append(line).append('\n');
            String code = pending.toString();
            if (tryExpression(code)) {
                pending.setLength(0);
                continue;
            }
            try {
                context.eval(Source.newBuilder("moat", code, "stdin").buildLiteral());
                pending.setLength(0);
            } catch (PolyglotException e) {
                if (e.isSyntaxError() && e.isIncompleteSource()) {
                    continue;
                }
                pending.setLength(0);
                ErrorReporter.report(e, System.err);
            }
        }
    }

    private boolean tryExpression(String code) {
        String wrapped = "(function(...) if select('#', ...) > 0 then print(...) end end)(" + code + ")";
        Source source = Source.newBuilder("moat", wrapped, "stdin").buildLiteral();
        try {
            context.parse(source);
        } catch (PolyglotException e) {
            return false;
        }
        try {
            context.eval(source);
        } catch (PolyglotException e) {
            ErrorReporter.report(e, System.err);
        }
        return true;
    }
}
