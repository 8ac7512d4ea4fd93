package dev.moat.language.runtime;

/**
 * How large a table's array part should be, by Lua 5.4's rule (ltable.c, {@code computesizes}): the
 * largest power of two {@code n} such that more than half of the keys 1..n are present. Lua applies it
 * whenever its hash part is full; {@link MoatTable} applies it when an integer key beyond the array part
 * would make the hash part grow, and moves the keys up to {@code n} into the array part.
 *
 * <p>Without it, a table filled from the top ({@code for i = n, 1, -1 do q[i] = ... end}) or in any order
 * but ascending kept every key in the hash part until key 1 arrived, and then moved them all one by one;
 * a bignum division's quotient paid two hash operations a limb. It also makes {@code #t} pick the border
 * Lua reports for tables filled from 2 upwards ({@code t[i] = i} for i = 2..10: 10, as in Lua 5.4).
 *
 * <p>The count is exact for the hash part's keys; the array part's elements 1..size all count as present
 * (its holes are rare and a scan would cost what the move saves). The rule only ever grows the array part.
 */
final class ArrayPartSizing {
    private ArrayPartSizing() {
    }

    /** Bucket of key {@code k >= 1}: 0 for 1, then {@code i} for keys in (2^(i-1), 2^i]. */
    private static int bucket(long k) {
        return 64 - Long.numberOfLeadingZeros(k - 1);
    }

    /**
     * The array size Lua's rule picks for a table with elements 1..{@code size}, integer keys
     * {@code hashKeys[0..count-1]} (each {@code > size}) in its hash part and a new key {@code newKey > size};
     * {@code size} itself if no larger power of two qualifies. Sizes stay below {@code limit}.
     */
    static long chooseSize(int size, long[] hashKeys, int count, long newKey, long limit) {
        int[] perBucket = new int[64];
        long total = size;
        // Elements 1..size, spread over their buckets: bucket i holds (2^(i-1), 2^i], bucket 0 holds 1.
        for (int i = 0; i < 63 && size > 0; i++) {
            long low = i == 0 ? 1 : (1L << (i - 1)) + 1;
            long high = 1L << i;
            if (low > size) {
                break;
            }
            perBucket[i] += (int) (Math.min(high, size) - low + 1);
        }
        for (int j = 0; j < count; j++) {
            long k = hashKeys[j];
            if (k < limit) {
                perBucket[bucket(k)]++;
                total++;
            }
        }
        if (newKey < limit) {
            perBucket[bucket(newKey)]++;
            total++;
        }
        long chosen = size;
        long present = 0;
        for (int i = 0; i < 62; i++) {
            long twoToI = 1L << i;
            if (total <= twoToI / 2) {
                break; // no larger power of two can be more than half full
            }
            present += perBucket[i];
            if (present > twoToI / 2 && twoToI > chosen && twoToI < limit) {
                chosen = twoToI;
            }
        }
        return chosen;
    }
}
