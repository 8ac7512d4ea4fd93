package dev.moat.language.runtime;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Hash functions keyed by a secret chosen once per process, for the table index (see {@link HashPart}).
 * A script cannot learn the key, so it cannot choose keys that collide. Only the layout of a table's
 * index depends on it; iteration order, results and instruction counts never do.
 */
final class HashSeed {
    private static final long K0;
    private static final long K1;

    static {
        byte[] key = new byte[16];
        if (!readUrandom(key)) {
            new SecureRandom().nextBytes(key);
        }
        K0 = bytesToLong(key, 0);
        K1 = bytesToLong(key, 8);
    }

    /**
     * The kernel's generator where there is one: the same source SecureRandom's default reads on Linux,
     * without setting up the security providers (≈ 20 ms of a cold start, the first table being made at
     * start-up).
     */
    private static boolean readUrandom(byte[] key) {
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            return in.readNBytes(key, 0, key.length) == key.length;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static long bytesToLong(byte[] b, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[from + i] & 0xffL);
        }
        return v;
    }

    private HashSeed() {
    }

    /**
     * The value xor the key, its high half folded into the low, times 2^64/φ, the product's high half: every bit
     * of the value reaches the index bits, in one multiplication. It was MurmurHash3's fmix64 (two dependent
     * multiplications and three shifts), on the path of every integer key's probe (a frequency count's loop 22 →
     * 17.5 ms); what it loses in mixing, a flood pays for with HashPart's SipHash fallback.
     */
    static int mix(long v) {
        long x = v ^ K0;
        x ^= x >>> 32;
        x *= 0x9E3779B97F4A7C15L;
        return (int) (x >>> 32);
    }

    /** SipHash-2-4 of {@code data} under the process key, folded to 32 bits: the flood-proof fallback. */
    static int bytes(byte[] data) {
        return fold(sip(data, data.length, 0));
    }

    /** SipHash-2-4 of one 64-bit value (numbers and identities in a table that fell back to it). */
    static int value(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return fold(sip(b, 8, 1));
    }

    private static int fold(long h) {
        return (int) (h ^ (h >>> 32));
    }

    private static long sip(byte[] data, int length, long domain) {
        Sip st = new Sip(domain);
        int blocks = length & ~7;
        for (int i = 0; i < blocks; i += 8) {
            long m = 0;
            for (int k = 7; k >= 0; k--) {
                m = (m << 8) | (data[i + k] & 0xffL);
            }
            st.absorb(m);
        }
        long last = ((long) length & 0xff) << 56;
        for (int k = length - blocks - 1; k >= 0; k--) {
            last |= (data[blocks + k] & 0xffL) << (8 * k);
        }
        st.absorb(last);
        return st.finish();
    }

    /** SipHash-2-4 state: two compression rounds per 8-byte word, four finalisation rounds. */
    private static final class Sip {
        long v0 = 0x736f6d6570736575L ^ K0;
        long v1;
        long v2 = 0x6c7967656e657261L ^ K0;
        long v3 = 0x7465646279746573L ^ K1;

        Sip(long domain) {
            v1 = 0x646f72616e646f6dL ^ K1 ^ domain;
        }

        void absorb(long m) {
            v3 ^= m;
            round();
            round();
            v0 ^= m;
        }

        long finish() {
            v2 ^= 0xff;
            for (int r = 0; r < 4; r++) {
                round();
            }
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
