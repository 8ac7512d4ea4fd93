package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

/**
 * The interpreter reads a constant-key field through a small per-site cache of the shapes it has read
 * (FieldLookupNode), compiled code through the object library that the first read of each shape filled.
 * The golden meets one site with more shapes than that cache holds, fields that turn float or string after
 * the site read integers, removed fields, dictionary-mode tables and __index chains, with every function
 * compiled at its first call: compiled code must give lua5.4's results (a compilation failure throws).
 * Each new shape at a site compiled before it met any costs one deoptimisation, so the cycle detector's
 * threshold (15, which this golden exceeds with or without the interpreter's cache) is raised to 40: a site
 * that deoptimises at every call, as one does when the interpreter skips a library message that compiled
 * code sends, still fails (TaggedArithmeticCompiledTest caught the field-flags lookup that way).
 */
class FieldReadsCompiledTest {
    @Test
    void seenShapesGiveLuasResultsWhenCompiled() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("tables/field_reads_seen_shapes.moat",
                Map.of("compiler.DeoptCycleDetectionThreshold", "40"));
    }

    /**
     * A constant-key site that has only missed its key in tables without string keys in their hash part
     * compiles without probing it (TableFields#getNamed's profile): when it meets a table that keeps the key
     * there (past 64 fields, built by computed keys, a metatable's {@code __index}), it must deoptimise and
     * find it, not answer nil.
     */
    @Test
    void sitesThatMissedOnlyInRecordsFindKeysInHashPartsWhenCompiled() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("tables/named_reads_missed_in_dictionaries.moat", Map.of());
    }

    /**
     * A field write stores the table's mask of float fields only when the field's subtype changes: compiled
     * writes that flip a field between integer and float, keep a float in place, or follow a string or a
     * table (a stale bit) must leave every read with lua5.4's subtype and value.
     */
    @Test
    void fieldsWhoseSubtypeFlipsReadBackExactlyWhenCompiled() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("tables/field_subtype_flips.moat", Map.of());
    }
}
