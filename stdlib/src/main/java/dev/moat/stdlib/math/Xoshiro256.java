package dev.moat.stdlib.math;

/**
 * Lua 5.4's pseudo-random generator, xoshiro256**, with Lua's seeding (state {n1, 0xff, n2, 0}, then 16
 * discarded values), float conversion (top 53 bits) and range projection (rejection sampling under the
 * smallest all-ones mask), so seeded sequences equal lua5.4's. One instance per context.
 */
final class Xoshiro256 {
    private final long[] s = new long[4];

    Xoshiro256(long n1, long n2) {
        seed(n1, n2);
    }

    void seed(long n1, long n2) {
        s[0] = n1;
        s[1] = 0xff;
        s[2] = n2;
        s[3] = 0;
        for (int i = 0; i < 16; i++) {
            next();
        }
    }

    long next() {
        long s0 = s[0];
        long s1 = s[1];
        long s2 = s[2] ^ s0;
        long s3 = s[3] ^ s1;
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        s1 <<= 17;
        s[0] = s0 ^ s3;
        s[1] = s[1] ^ s2;
        s[2] = s2 ^ s1;
        s[3] = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A float in [0, 1): the top 53 bits. */
    double nextDouble() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    /** A uniform value in [0, n] (unsigned), as Lua's project(). */
    long project(long ran, long n) {
        if ((n & (n + 1)) == 0) {
            return ran & n;
        }
        long lim = n;
        lim |= lim >>> 1;
        lim |= lim >>> 2;
        lim |= lim >>> 4;
        lim |= lim >>> 8;
        lim |= lim >>> 16;
        lim |= lim >>> 32;
        while (Long.compareUnsigned(ran &= lim, n) > 0) {
            ran = next();
        }
        return ran;
    }
}
