package dev.moat.language.builtins;

import dev.moat.language.MoatContext;

/**
 * The library SPI. Each standard library (string, table, math, ...) is a provider registered in
 * {@code META-INF/services/dev.moat.language.builtins.MoatLibrary}; a host chooses per context which
 * ones are installed (option {@code moat.Libraries}). The language module never depends on providers.
 */
public interface MoatLibrary {
    /** The name hosts use to select the library, normally its global table name. */
    String name();

    /** Installs the library into the context's globals. */
    void install(MoatContext context);
}
