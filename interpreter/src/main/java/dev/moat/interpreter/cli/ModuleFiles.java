package dev.moat.interpreter.cli;

import dev.moat.language.host.ModuleResolvers;
import dev.moat.language.host.ModuleSearcher;
import dev.moat.language.host.ModuleSource;
import dev.moat.language.parser.SourceText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI's module resolver: {@code require("a.b")} reads {@code a/b.moat} or {@code a/b.lua} next to the
 * main script (or the working directory for -e and stdin). The language itself has no file access;
 * the host reads the file and hands over its text, named as Lua's file searcher names it: the path as the
 * user would type it ("./a/b.lua", or "dir/a/b.lua" for a script run as dir/main.lua), which error positions,
 * tracebacks and {@code require}'s second result show. The resolver is registered in-process and named in a
 * context option ({@link ModuleResolvers}): a host function in the polyglot bindings would cost the CLI
 * ≈ 100 ms of start-up.
 */
final class ModuleFiles implements ModuleSearcher {
    private static final String[] EXTENSIONS = {".moat", ".lua"};

    /** Where modules are read from. */
    private final Path base;
    /** How that directory is shown: "./" or the script's directory as given, with a trailing '/'. */
    private final String shownBase;

    private ModuleFiles(Path base, String shownBase) {
        this.base = base;
        this.shownBase = shownBase;
    }

    /** Registers the resolver for a run of {@code script} (null for -e code and stdin) and returns its name. */
    static String register(String script) {
        if (script == null || script.equals("-")) {
            return ModuleResolvers.register(new ModuleFiles(Path.of("."), "./"));
        }
        Path dir = Path.of(script).getParent();
        Path base = Path.of(script).toAbsolutePath().getParent();
        return ModuleResolvers.register(new ModuleFiles(base, dir == null ? "./" : dir + "/"));
    }

    @Override
    public ModuleSource find(String name) {
        if (!isModuleName(name)) {
            return null;
        }
        for (String ext : EXTENSIONS) {
            String rel = name.replace('.', '/') + ext;
            Path p = base.resolve(rel);
            if (Files.isRegularFile(p)) {
                try {
                    return ModuleSource.file(shownBase + rel, SourceText.decode(Files.readAllBytes(p)));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public String whereLooked(String name) {
        if (!isModuleName(name)) {
            return "\n\tno file for a name that is not a dotted path of letters, digits and '_'";
        }
        StringBuilder lines = new StringBuilder();
        for (String ext : EXTENSIONS) {
            lines.append("\n\tno file '").append(shownBase).append(name.replace('.', '/')).append(ext).append('\'');
        }
        return lines.toString();
    }

    /** Only dotted names of word characters become paths: no "..", no absolute paths, no separators. */
    private static boolean isModuleName(String name) {
        return name.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
    }
}
