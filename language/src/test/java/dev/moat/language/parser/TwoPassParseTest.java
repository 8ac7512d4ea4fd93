package dev.moat.language.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.truffle.api.source.Source;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The parse with SLL prediction first and full LL where that pass reports an error (MoatParser.parseChunk)
 * against full LL alone: for every prefix of a chunk long enough to pass the parse meter's batch several
 * times (most prefixes are syntax errors, so the second pass runs), the same tree or the same error, and the
 * same progress reported to the meter, which charges it to the instruction budget.
 */
class TwoPassParseTest {
    private static final String CHUNK = """
            local Account = {}
            Account.__index = Account
            function Account.new(owner, balance)
              return setmetatable({owner = owner, balance = balance or 0, log = {}}, Account)
            end
            function Account:deposit(v)
              if type(v) ~= "number" or v <= 0 then error("bad amount: " .. tostring(v), 2) end
              self.balance = self.balance + v
              self.log[#self.log + 1] = {kind = "deposit", amount = v}
              return self
            end
            local function sum(...)
              local s, n = 0, select("#", ...)
              for i = 1, n do s = s + (select(i, ...)) end
              return s, n
            end
            local a = Account.new("ann", 10):deposit(5):deposit(2.5)
            local t = {1, 2, 3; x = 1, ["y"] = 2, [3 + 4] = {nested = {true, false, nil}}}
            for k, v in pairs(t) do
              if k == "x" then goto continue elseif k == 1 then t[k] = v * 2 else t[k] = v end
              ::continue::
            end
            local i = 0
            while i < 10 do i = i + 1 if i % 3 == 0 then break end end
            repeat local j <const> = i; i = i - 1 until j <= 1
            local f = function(x, y) return x // y, x % y, x ^ 2, -x, not x, #tostring(x), x .. y, x & y | ~y end
            print(sum(1, 2, 3), f(7, 2), a.balance, (a):deposit(1).balance, a["owner"]:upper())
            local s = [[long
            string]] .. [==[with ]] inside]==] .. "esc\\n\\t\\65" .. 'single'
            do local x <close> = nil end
            return a, t, s, #t > 0 and t[1] or nil
            """;

    @Test
    void everyPrefixParsesOrFailsAsFullLLDoes() {
        int errors = 0;
        int trees = 0;
        for (int cut = 0; cut <= CHUNK.length(); cut += 7) {
            String text = CHUNK.substring(0, cut);
            Outcome ll = parse(text, false);
            Outcome twoPass = parse(text, true);
            assertEquals(ll, twoPass, "prefix of " + cut + " characters");
            if (ll.result.startsWith("error")) {
                errors++;
            } else {
                trees++;
            }
        }
        assertTrue(errors > 50 && trees > 5, "prefixes that fail: " + errors + ", that parse: " + trees);
        Outcome whole = parse(CHUNK, true);
        assertTrue(whole.metered >= 2 * ParseMeter.BATCH, "the chunk passes the meter's batch: " + whole.metered);
    }

    /**
     * The second pass still reports every batch (as 0 for those the first pass reported), so a meter that cancels
     * (a timeout, SECURITY.md D12) is heard while the second pass reads a long chunk again.
     */
    @Test
    void theSecondPassKeepsReportingProgress() {
        String broken = CHUNK + "\nlocal = 1\n";
        int[] llReports = {0};
        Source source = Source.newBuilder("moat", broken, "chunk.moat").build();
        try {
            MoatParser.parseWithTokens(source, n -> llReports[0]++, false);
        } catch (MoatSyntaxError expected) {
            // the error this test needs
        }
        assertTrue(llReports[0] >= 2, "the lexer and the parser report batches: " + llReports[0]);
        int[] calls = {0};
        RuntimeException cancelled = new RuntimeException("cancelled");
        try {
            MoatParser.parseWithTokens(source, n -> {
                if (++calls[0] > llReports[0]) {
                    throw cancelled;
                }
            }, true);
        } catch (MoatSyntaxError notExpected) {
            throw new AssertionError("the second pass ran to its error without reporting its batches", notExpected);
        } catch (RuntimeException e) {
            assertEquals(cancelled, e);
        }
    }

    private record Outcome(String result, long metered) {
    }

    private static Outcome parse(String text, boolean sllFirst) {
        long[] metered = {0};
        Source source = Source.newBuilder("moat", text, "chunk.moat").build();
        try {
            LuaParser.ChunkContext chunk = MoatParser.parseWithTokens(source, n -> metered[0] += n, sllFirst).chunk();
            return new Outcome(chunk.toStringTree(Arrays.asList(LuaParser.ruleNames)), metered[0]);
        } catch (MoatSyntaxError e) {
            return new Outcome("error " + e.getMessage(), metered[0]);
        }
    }
}
