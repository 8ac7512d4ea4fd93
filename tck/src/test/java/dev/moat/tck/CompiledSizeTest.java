package dev.moat.tck;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled size of operations whose code once grew out of proportion, compared with a smaller relative
 * that must stay in proportion: the count of Graal nodes after partial evaluation, read from the
 * compilation trace (deterministic for one Graal version and profile). Compile time on this project's
 * two cores grows with it (a 8,300-node function took 3.2 s to compile at the first tier), and so does
 * the inlining budget a caller spends. Not a speed test: the counts are what the compiler was given.
 */
class CompiledSizeTest {
    private static final String PROGRAM = """
            local function record4(x, s) return {a = x, b = s, c = x, d = s} end
            local function record12(x, s)
              return {a = x, b = s, c = x, d = s, e = x, f = s, g = x, h = s, i = x, j = s, k = x, l = s}
            end
            local function list4(x, s) return {x, s, x, s} end
            local plain = {}
            local scope = setmetatable({}, {__index = plain})
            local function store_plain(k, v) plain[k] = v end
            local function store_through_meta(k, v) scope[k] = v end
            local function concat2(a, b) return a .. b end
            local function concat4(a, b) return a .. "-" .. b .. ":" end
            local function less_strings(a, b) return a < b end
            local function less_numbers(a, b) return a < b end
            local function descending(a, b) return a > b end
            local function sort_descending(t) table.sort(t, descending) end
            local function swap(t, i, j) t[i], t[j] = t[j], t[i] end
            local names = {"p1", "p2", "p3", "p4"}
            for i = 1, 300 do
              local k = names[i % 4 + 1]
              record4(i, k); record12(i, k); list4(i, k); store_plain(k, i); store_through_meta(k, i); concat2(k, k); concat4(k, k)
              less_strings(k, names[i % 3 + 1]); less_numbers(i, i % 7)
              local t = {} for j = 1, 6 do t[j] = names[(i + j) % 4 + 1] end
              sort_descending(t); swap(t, 1, 2)
            end
            print(plain.p1, scope.p1)
            """;

    /** Nodes after partial evaluation per compiled function ("opt done ... name |...|IR  after-PE/final|"). */
    private static Map<String, Integer> sizes() {
        MoatRunner.Traced run = MoatRunner.runTracedSingleContext(PROGRAM, 100, "engine.TraceCompilation");
        assertEquals("300\t300\n", run.stdout());
        Map<String, Integer> sizes = new HashMap<>();
        Matcher m = Pattern.compile("opt done\\s+engine=\\d+\\s+id=\\d+\\s+(\\S+).*?\\|IR\\s+(\\d+)/").matcher(run.log());
        while (m.find()) {
            sizes.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        for (String name : new String[] {"record4", "record12", "list4", "store_plain", "store_through_meta", "concat2", "concat4",
            "less_strings", "less_numbers", "sort_descending", "swap"}) {
            assertTrue(sizes.containsKey(name), () -> name + " was not compiled:\n" + run.log());
        }
        return sizes;
    }

    /**
     * A constructor of twelve constant string keys is about as small as one of four (82 and 79 nodes): each
     * keyed entry has its own shape cache. With one cache for all entries, the twelve shapes overflowed its
     * eight places and every field took the uncached path (2,221 nodes).
     */
    @Test
    void aConstructorOfManyFieldsCompilesInProportion() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("record12") < 3 * sizes.get("record4"), () -> "compiled sizes " + sizes);
    }

    /**
     * A constructor of four positional items is about as small as one of four keyed fields (79 nodes each):
     * the items' strategy is chosen unrolled, its type tests fold, and only the strategies and paths the
     * site has met are compiled. Through the table's general loop (strategy test, fill, trailing nils,
     * index clashes) it was 287.
     */
    @Test
    void aConstructorOfItemsCompilesInProportion() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("list4") < 2 * sizes.get("record4"), () -> "compiled sizes " + sizes);
    }

    /**
     * {@code scope[k] = v} into a table whose metatable has only an {@code __index} is a plain store after one
     * test for {@code __newindex} (687 nodes against 484 on a plain table): the raw store is compiled once,
     * for the kinds of key met. It was compiled twice (for plain tables and after the metatable walk) and for
     * every kind of key each time: 1,441 nodes.
     */
    @Test
    void aStoreThroughAMetatableCarriesOneRawStore() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("store_through_meta") < 2 * sizes.get("store_plain"), () -> "compiled sizes " + sizes);
    }

    /**
     * A chain of four strings is a single build of the result (289 nodes against 208 for two operands): the
     * pairwise path, for operands with {@code __concat}, is compiled only once a chain has met one. It was
     * compiled into every chain, and made this one 881 nodes.
     */
    @Test
    void aChainOfStringsCarriesNoPairwisePath() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("concat4") < 2 * sizes.get("concat2"), () -> "compiled sizes " + sizes);
    }

    /**
     * {@code a < b} on strings is one mismatch search over the strings' arrays (≈ 250 nodes against 60 for
     * two integers): TruffleString's byte comparison compiled a copy for every combination of strides and
     * storage (486 nodes), though Moat's strings always have stride 0.
     */
    @Test
    void aStringComparisonCompilesInProportion() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("less_strings") < 5 * sizes.get("less_numbers"), () -> "compiled sizes " + sizes);
    }

    /**
     * {@code table.sort(t, cmp)} with its comparator inlined at its five call sites, over an Object[] array
     * part, is about eleven times a function that swaps two elements (≈ 2,270 nodes against 197): its ten element
     * reads and twelve writes compile the array part's Object[] case and leave the rest (hash part, holes,
     * other strategies) until a sort meets them. With the table's whole general get and put at each site,
     * and a string comparison of 486 nodes at each comparator site, it was 6,601.
     */
    @Test
    void aSortWithAComparatorCompilesInProportion() {
        Map<String, Integer> sizes = sizes();
        assertTrue(sizes.get("sort_descending") < 14 * sizes.get("swap"), () -> "compiled sizes " + sizes);
    }
}
