package dev.moat.language.parser;

/**
 * The names a scan has met, one String each (open addressing by String's own hash). A name's tokens then share
 * their text, so the translator's lookups of it (locals, interned keys) hash it once and compare by identity, and
 * a data chunk's keys, repeated in every record, are not cut out of the text again and again.
 */
final class ScannedNames {
    private String[] names = new String[256];
    private int count;

    /** The String of the name {@code text[start, start + n)}: the one made the first time it was met. */
    String of(char[] text, int start, int n) {
        int hash = 0;
        for (int i = start; i < start + n; i++) {
            hash = 31 * hash + text[i]; // String.hashCode's, so a known name's cached hash compares with it
        }
        int mask = names.length - 1;
        for (int slot = spread(hash) & mask;; slot = (slot + 1) & mask) {
            String known = names[slot];
            if (known == null) {
                String name = new String(text, start, n);
                names[slot] = name;
                if (++count * 2 > names.length) {
                    grow();
                }
                return name;
            }
            if (known.hashCode() == hash && known.length() == n && sameChars(known, text, start)) {
                return known;
            }
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean sameChars(String known, char[] text, int start) {
        for (int i = 0; i < known.length(); i++) {
            if (known.charAt(i) != text[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] old = names;
        names = new String[old.length * 2];
        int mask = names.length - 1;
        for (String name : old) {
            if (name != null) {
                int slot = spread(name.hashCode()) & mask;
                while (names[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                names[slot] = name;
            }
        }
    }
}
