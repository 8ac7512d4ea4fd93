package dev.moat.interpreter.cli;

import dev.moat.language.host.ModuleResolvers;
import dev.moat.language.parser.SourceText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's module resolver: {@code require("a.b")} reads {@code a/b.moat} or {@code a/b.lua} next to the
 * main script (or the working directory for -e and stdin). The language itself has no file access;
 * the host reads the file and hands over its text. The resolver is registered in-process and named in a
 * context option ({@link ModuleResolvers}): a host function in the polyglot bindings would cost the CLI
 * ≈ 100 ms of start-up.
 */
final class ModuleFiles {
    private ModuleFiles() {
    }

    /** Registers the resolver for a run of {@code script} (null for -e code and stdin) and returns its name. */
    static String register(String script) {
        Path base = script == null || script.equals("-") ? Path.of(".") : Path.of(script).toAbsolutePath().getParent();
        return ModuleResolvers.register(name -> read(base, name));
    }

    private static String read(Path base, String name) {
        if (!name.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            return null;
        }
        String rel = name.replace('.', '/');
        for (String ext : new String[]{".moat", ".lua"}) {
            Path p = base.resolve(rel + ext);
            if (Files.isRegularFile(p)) {
                try {
                    return SourceText.decode(Files.readAllBytes(p));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
