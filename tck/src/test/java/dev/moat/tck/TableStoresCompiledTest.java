package dev.moat.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * Integer-key stores take inline paths in compiled code (MoatTable.putLong: an element the array's strategy
 * holds, a key already in the hash part overwritten in place) and fall back out of line for the rest
 * (appends, holes, strategy changes, hash insertions, removals). String keys of a table in dictionary mode
 * are read and overwritten in its hash part first (TableFields.getComputed/putComputed); records keep
 * their string keys as fields, and a store site that has stored values of one class must still take any other.
 * A generic store or read site compiles only the kinds of key it has met (IndexSetNode, IndexGetNode), so a
 * site compiled on string keys must deoptimise, not misbehave, when an integer, float, boolean or table key
 * comes; a table constructor keeps one shape cache per keyed entry (TableConstructorNode), past the eight
 * shapes one cache holds, and stores up to sixteen positional items by an unrolled choice of strategy. These goldens meet both sides, with every function compiled at its first call, and must print
 * what lua5.4 prints.
 */
class TableStoresCompiledTest {
    @ParameterizedTest
    @ValueSource(strings = {"tables/hash_integer_overwrite.moat", "tables/array_strategy_holes.moat",
            "tables/array_strategy_transitions.moat", "tables/insert_remove.moat",
            "tables/dictionary_mode.moat", "tables/keyed_strings_in_hash.moat", "tables/field_store_classes.moat",
            "tables/store_key_kinds.moat", "tables/constructor_many_fields.moat", "tables/constructor_items.moat"})
    void giveLuasResultsWhenCompiled(String golden) throws IOException {
        GoldenScripts.assertExpectedWhenCompiled(golden);
    }
}
