package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * {@code error}'s level-1 position from the call site that hands it its node (InvokeNode's error call
 * sites), or from the stack walk where it cannot (tail calls, level 2): the golden, compiled at each
 * function's first call, raises errors from every kind of call site and from builtins, and must print what
 * lua5.4 prints.
 */
class ErrorCallSitesCompiledTest {
    @Test
    void errorPositionsCompiledAtFirstCallAreLuas() throws IOException {
        GoldenScripts.assertExpectedWhenCompiled("errors/error_call_sites.moat");
    }
}
