package dev.moat.language.runtime;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * What a computed-string-key site ({@code t[k]}, {@code t[k] = v}) has met: dictionaries (tables whose
 * string keys are in the hash part, see {@link TableFields#COMPUTED_KEY_FIELDS}), records (string keys as
 * shape fields), or both. Compiled code keeps only the kinds seen so far: a dictionary site is a hash probe,
 * a record site a shape lookup, each without the other's code (which made every such access a third larger
 * and counted against Graal's inlining budget); meeting the other kind deoptimises once, then both stay.
 * A constant-key site ({@code obj.name}) keeps one for the tables it missed the key in, so that a method
 * found in the class compiles without a probe of the object's hash part (TableFields#getNamed).
 */
public final class DictionaryProfile {
    private static final DictionaryProfile UNCACHED = new DictionaryProfile(true, true);

    @CompilationFinal private boolean dictionaries;
    @CompilationFinal private boolean records;

    private DictionaryProfile(boolean dictionaries, boolean records) {
        this.dictionaries = dictionaries;
        this.records = records;
    }

    public static DictionaryProfile create() {
        return new DictionaryProfile(false, false);
    }

    /** A profile that expects both kinds, for uncached and rarely run accesses. */
    public static DictionaryProfile getUncached() {
        return UNCACHED;
    }

    /** Returns {@code isDictionary}, recording it; compiled code assumes the kinds seen so far. */
    public boolean profile(boolean isDictionary) {
        if (isDictionary) {
            if (!dictionaries) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                dictionaries = true;
            }
            return true;
        }
        if (!records) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            records = true;
        }
        return false;
    }
}
