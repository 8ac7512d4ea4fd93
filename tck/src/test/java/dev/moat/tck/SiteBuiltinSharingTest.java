package dev.moat.tck;

import dev.moat.interpreter.api.MoatEngine;
import dev.moat.interpreter.api.Result;
import dev.moat.interpreter.api.Script;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sites that compute a builtin's call themselves ({@code floor(a / b)}, {@code type(x) == "number"}: SiteBuiltin)
 * on an engine whose contexts share compiled code: each run is a fresh context with its own builtin function
 * objects, and some runs replace the builtins, which turns the shared sites back to ordinary calls. Every run,
 * compiled at first call, must give what the same run gives interpreted on an engine of its own.
 */
class SiteBuiltinSharingTest {
    private static final String SCRIPT = """
            local floor, ceil, type = math.floor, math.ceil, type
            if replace then
              floor = function(x) return "f" .. x end
              type = function(x) return "number" end
            end
            local out = {}
            for i = -20, 20 do
              out[#out + 1] = tostring(floor(i * 7 / 3)) .. ":" .. tostring(ceil(i / 4))
            end
            local vals = {1, "s", {}, 2.5, nil, true}
            for i = 1, 6 do
              out[#out + 1] = tostring(type(vals[i]) == "number") .. tostring(type(vals[i]) ~= "table")
            end
            return table.concat(out, ",")
            """;

    @Test
    void sharedSitesGiveEachContextItsOwnResults() {
        boolean[] replaceInRun = {false, false, true, false, true, true, false};
        try (MoatEngine shared = MoatEngine.builder().engineOption("engine.CompileImmediately", "true")
                .engineOption("engine.BackgroundCompilation", "false").build()) {
            Script script = shared.compile("sharing.moat", SCRIPT);
            for (boolean replace : replaceInRun) {
                Result compiled = script.run(Map.of("replace", replace));
                assertEquals(interpreted(replace), compiled.value(), "run with replace=" + replace);
            }
        }
    }

    private static Object interpreted(boolean replace) {
        try (MoatEngine own = MoatEngine.builder().engineOption("engine.Compilation", "false").build()) {
            return own.compile("sharing.moat", SCRIPT).run(Map.of("replace", replace)).value();
        }
    }
}
