package dev.moat.language.host;

/**
 * A module's source as a resolver found it, and how {@code require} names it, as Lua's file searcher names
 * a file: the chunk name in error positions and tracebacks, the loader data (passed to the chunk after the
 * module name and returned by {@code require} as its second value), and where it came from for "error
 * loading module 'x' from ...".
 */
public record ModuleSource(String text, String chunkName, String loaderData, String origin) {

    /** A file the host read: named by its path as the host shows it ("./util.lua"), as Lua names it. */
    public static ModuleSource file(String displayPath, String text) {
        return new ModuleSource(text, displayPath, displayPath, "file '" + displayPath + "'");
    }

    /** Text a host resolver returned for a name: the chunk is "a/b.moat" for module "a.b". */
    public static ModuleSource fromResolver(String moduleName, String text) {
        return new ModuleSource(text, moduleName.replace('.', '/') + ".moat", ":moat-resolver:",
                "the host's module resolver");
    }
}
