package dev.moat.language.host;

import java.util.function.Function;

/**
 * How {@code require} asks the host for a module it has not loaded: the source, or null and the lines of
 * Lua's "module 'x' not found:" message that say where the host looked.
 */
public interface ModuleSearcher {

    /** The module's source, or null when the host has none by that name. May throw; Lua code sees an error. */
    ModuleSource find(String moduleName);

    /** Where the host looked, one "\n\t..." line each, for the not-found message ("\n\tno file './x.lua'"). */
    String whereLooked(String moduleName);

    /** A searcher over a host function from module name to source text (or null). */
    static ModuleSearcher ofTexts(Function<String, String> resolver) {
        return new ModuleSearcher() {
            @Override
            public ModuleSource find(String moduleName) {
                String text = resolver.apply(moduleName);
                return text == null ? null : ModuleSource.fromResolver(moduleName, text);
            }

            @Override
            public String whereLooked(String moduleName) {
                return "\n\tno module '" + moduleName + "' from the host's module resolver";
            }
        };
    }
}
