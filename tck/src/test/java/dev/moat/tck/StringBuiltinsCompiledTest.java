package dev.moat.tck;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

/**
 * The byte-level string builtins (sub, byte, char, len) run on cached TruffleString nodes and shared
 * one-byte strings in compiled code; these goldens run with every function compiled at its first call,
 * so their loops meet those paths compiled, and must print what lua5.4 prints.
 */
class StringBuiltinsCompiledTest {
    @ParameterizedTest
    @ValueSource(strings = {"strings/single_byte_strings.moat", "strings/byte_char.moat", "strings/byte_positions.moat"})
    void byteLevelBuiltinsGiveLuasResultsWhenCompiled(String golden) throws IOException {
        GoldenScripts.assertExpectedWhenCompiled(golden);
    }
}
