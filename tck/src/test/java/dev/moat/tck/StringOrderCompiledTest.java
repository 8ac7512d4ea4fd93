package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * String order compiled (StringOrderNode: an inline bytewise loop over the first sixteen bytes, the JDK's
 * comparison out of line past them) and table.sort's element accesses compiled for the kinds a sort has
 * met: the golden, compiled at each function's first call, compares prefixes, embedded zeros, bytes above
 * 127 and strings that differ before and after the sixteenth byte, and sorts them with and without a
 * comparator; it must print what lua5.4 prints.
 */
class StringOrderCompiledTest {
    @Test
    void stringOrderCompiledAtFirstCallIsLuas() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("strings/order_bytes.moat");
    }

    @Test
    void sortsCompiledAtFirstCallMeetEveryElementKind() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("tables/sort_element_kinds.moat");
    }
}
