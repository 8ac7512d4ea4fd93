package dev.moat.tck;

import dev.moat.interpreter.api.MoatEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SECURITY.md A1 / P1: everything a script can reach from its globals, the string metatable and every
 * library table is exactly the documented allow-list in sandbox/reachable.txt ("path type" per line).
 * Adding a global or library function fails this test until the manifest is updated on purpose
 * ({@code -Dmoat.bless=true} rewrites it).
 */
class ReachabilityManifestTest {
    private static final String WALK = """
            local out, seen = {}, {}
            local function walk(v, path, depth)
              local t = type(v)
              out[#out + 1] = path .. " " .. t
              if t == "table" and not seen[v] and depth < 6 then
                seen[v] = path
                local keys = {}
                for k in pairs(v) do keys[#keys + 1] = k end
                table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
                for _, k in ipairs(keys) do
                  if type(k) ~= "string" then error("non-string key reachable at " .. path) end
                  walk(v[k], path .. "." .. k, depth + 1)
                end
                local mt = getmetatable(v)
                if mt ~= nil then walk(mt, path .. "<mt>", depth + 1) end
              elseif t == "table" then
                out[#out] = path .. " -> " .. (seen[v] or error("reachable deeper than the walk goes: " .. path))
              end
            end
            walk(_G, "_G", 0)
            walk(getmetatable(""), "<string mt>", 0)
            for _, v in ipairs({1, 1.5, true, print, coroutine.create(print)}) do
              if getmetatable(v) ~= nil then error("unexpected metatable on " .. type(v)) end
            end
            table.sort(out)
            return table.concat(out, "\\n")
            """;

    @Test
    void reachableSetIsTheAllowList() throws IOException {
        String actual;
        try (MoatEngine engine = MoatEngine.builder().build()) {
            actual = (String) engine.compile("walk.moat", WALK).run().value() + "\n";
        }
        Path manifest = Path.of(System.getProperty("moat.golden.dir", "src/test/resources/golden"))
                .getParent().resolve("sandbox/reachable.txt");
        if (Boolean.getBoolean("moat.bless")) {
            Files.writeString(manifest, actual, StandardCharsets.UTF_8);
        }
        List<String> expected = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        assertEquals(String.join("\n", expected) + "\n", actual);
    }
}
