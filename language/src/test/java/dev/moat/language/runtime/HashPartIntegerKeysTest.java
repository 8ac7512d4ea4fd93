package dev.moat.language.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Integer lookups compare the entries' integer key values (HashPart's {@code integerKeys}), where 0 also stands for
 * "not an integer key": they must find exactly the Long keys, beside keys of every other type, through removals
 * and compactions, as the generic lookup does.
 */
class HashPartIntegerKeysTest {
    @Test
    void zeroIsFoundOnlyAsAnIntegerKey() {
        HashPart h = new HashPart();
        h.put(MoatStrings.fromJava("a"), "string");
        h.put(0.5, "float");
        h.put(Boolean.TRUE, "boolean");
        assertNull(h.getLong(0), "no integer key 0, only keys whose integer slot is 0");
        h.putLong(0, "zero");
        assertEquals("zero", h.getLong(0));
        assertEquals("float", h.get(0.5));
        h.putLong(0, null);
        assertNull(h.getLong(0));
        assertEquals("string", h.get(MoatStrings.fromJava("a")));
    }

    @Test
    void aPartWithoutIntegerKeysAnswersAtOnce() {
        HashPart h = new HashPart();
        assertNull(h.getLong(7));
        h.put(MoatStrings.fromJava("x"), 1L);
        assertNull(h.getLong(7));
        assertEquals(false, h.putLong(7, null), "removing an absent key");
        h.putLong(7, "seven");
        assertEquals("seven", h.getLong(7));
        assertEquals("seven", h.get(7L));
    }

    @Test
    void agreesWithAMapThroughRemovalsAndGrowth() {
        Random random = new Random(11);
        HashPart h = new HashPart();
        Map<Object, Object> reference = new HashMap<>();
        long[] integers = {0, 1, -1, 2, 1L << 32, -(1L << 40), Long.MIN_VALUE, Long.MAX_VALUE, 97, 122};
        for (int step = 0; step < 200_000; step++) {
            Object key;
            int kind = random.nextInt(4);
            if (kind == 0) {
                key = integers[random.nextInt(integers.length)] + (random.nextBoolean() ? 0 : random.nextInt(300));
            } else if (kind == 1) {
                key = random.nextInt(300) + 0.5;
            } else if (kind == 2) {
                key = MoatStrings.fromJava("k" + random.nextInt(300));
            } else {
                key = random.nextBoolean();
            }
            Object value = random.nextInt(4) == 0 ? null : "v" + step;
            if (key instanceof Long l && random.nextBoolean()) {
                h.putLong(l, value);
            } else {
                h.put(key, value);
            }
            if (value == null) {
                reference.remove(key);
            } else {
                reference.put(key, value);
            }
            long probe = random.nextBoolean() ? integers[random.nextInt(integers.length)] + random.nextInt(300)
                    : random.nextLong();
            assertEquals(reference.get(probe), h.getLong(probe), "integer key " + probe + " at step " + step);
        }
        assertEquals(reference.size(), h.size());
        for (Map.Entry<Object, Object> e : reference.entrySet()) {
            assertEquals(e.getValue(), e.getKey() instanceof Long l ? h.getLong(l) : h.get(e.getKey()));
        }
    }
}
