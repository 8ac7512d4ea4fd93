package dev.moat.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * Builtins with fast paths of their own in compiled code: the byte-level string functions (sub, byte,
 * char, len) on cached TruffleString nodes and shared one-byte strings, math.floor/ceil returning
 * integers unboxed and computed at the call site from two integers ({@code floor(a / b)}, QuotientArgumentNode), {@code type(x) == "name"}
 * tested at the site (TypeTestNode), tonumber's in-place decimal parse, string.find's plain search (PlainFind: on the
 * strings' internal bytes, which may start at an offset, with the compiler's vectorised byte search) and its
 * search for a pattern of one character class, gsub's for a subject without that class (SingleClassPattern), and
 * table.insert's appends by element kind (ElementAccessNode), table.unpack's array part read by strategy. These
 * goldens run with every function compiled at its first call, so their loops meet those paths compiled, and must
 * print what lua5.4 prints.
 */
class BuiltinFastPathsCompiledTest {
    @ParameterizedTest
    @ValueSource(strings = {"strings/single_byte_strings.moat", "strings/byte_char.moat", "strings/byte_positions.moat",
            "strings/byte_scan_to_end.moat", "strings/one_subject_reads.moat",
            "math/floor_ceil_tonumber.moat", "lib-string/find_plain_offsets.moat", "lib-string/find_plain.moat",
            "lib-string/find_init.moat", "lib-string/find_edges.moat", "lib-string/find_errors.moat",
            "lib-string/find_single_class.moat", "lib-string/gsub_single_class.moat", "tables/insert_appends.moat",
            "tables/insert_cases.moat", "tables/insert_remove.moat", "tables/unpack_strategies.moat", "tables/unpack_cases.moat",
            "lib-math/floor_of_quotient.moat",
            "lib-base/type_comparisons.moat"})
    void giveLuasResultsWhenCompiled(String golden) throws IOException {
        GoldenScripts.assertExpectedWhenCompiled(golden);
    }
}
