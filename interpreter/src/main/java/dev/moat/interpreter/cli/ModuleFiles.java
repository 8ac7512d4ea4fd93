package dev.moat.interpreter.cli;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's module resolver: {@code require("a.b")} reads {@code a/b.moat} or {@code a/b.lua} next to the
 * main script (or the working directory for -e and stdin). The language itself has no file access;
 * the host reads the file and hands over its text.
 */
final class ModuleFiles {
    private ModuleFiles() {
    }

    static void install(Context context, String script) {
        Path base = script == null || script.equals("-") ? Path.of(".") : Path.of(script).toAbsolutePath().getParent();
        context.getPolyglotBindings().putMember("moat.moduleResolver", (ProxyExecutable) args -> {
            String name = args[0].asString();
            if (!name.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
                return null;
            }
            String rel = name.replace('.', '/');
            for (String ext : new String[]{".moat", ".lua"}) {
                Path p = base.resolve(rel + ext);
                if (Files.isRegularFile(p)) {
                    try {
                        return Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return null;
                    }
                }
            }
            return null;
        });
    }
}
