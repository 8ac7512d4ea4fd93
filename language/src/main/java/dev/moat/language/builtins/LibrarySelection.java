package dev.moat.language.builtins;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value of the option {@code moat.Libraries}: a comma-separated list of library names, empty for all.
 * A name no library on the class path has is an error where the option is set (a host's typo would
 * otherwise give its scripts a context without that library, and them a nil global to trip over).
 */
public final class LibrarySelection {
    /** The names of the libraries on the class path, looked up once (the providers are stateless). */
    private static volatile Set<String> available;

    private LibrarySelection() {
    }

    /** The names in {@code selection}; empty for all. Throws IllegalArgumentException for a name no library has. */
    public static Set<String> parse(String selection) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : selection.split(",")) {
            if (!name.isBlank()) {
                wanted.add(name.trim());
            }
        }
        if (!wanted.isEmpty()) {
            Set<String> known = available();
            for (String name : wanted) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown library '" + name + "' (available: "
                            + String.join(", ", known) + ")");
                }
            }
        }
        return wanted;
    }

    private static Set<String> available() {
        Set<String> names = available;
        if (names == null) {
            Set<String> found = new TreeSet<>();
            List<MoatLibrary> libraries = ServiceLoader.load(MoatLibrary.class, MoatLibrary.class.getClassLoader())
                    .stream().map(ServiceLoader.Provider::get).toList();
            for (MoatLibrary library : libraries) {
                found.add(library.name());
            }
            names = found;
            available = names;
        }
        return names;
    }
}
