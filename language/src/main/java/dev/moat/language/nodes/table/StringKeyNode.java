package dev.moat.language.nodes.table;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * What a site with computed string keys ({@code d[k]}, {@code d[k] = v}) needs to find them in a hash part
 * without a call: the key's table hash (see MoatTable#stringKeyHash) through a cached
 * {@code TruffleString.HashCodeNode}, which reads a string's known hash inline, and a cached
 * {@code TruffleString.EqualNode} for comparing it with a stored key of the same hash. Both replace
 * boundaries ({@code TruffleString.hashCode()}, {@code equals}): a key made at run time (a word a pattern
 * found, a concatenation) is another object than the equal key stored, so every such lookup compares
 * contents, and each boundary was a real call in compiled code.
 */
final class StringKeyNode extends Node {
    @Child private TruffleString.HashCodeNode hashes = TruffleString.HashCodeNode.create();
    @Child private TruffleString.EqualNode equality = TruffleString.EqualNode.create();

    int hash(TruffleString key) {
        return MoatTable.stringKeyHash(hashes.execute(key, MoatStrings.ENCODING));
    }

    /** The comparison the hash part's probe uses for this site's keys (see HashPart#getString). */
    TruffleString.EqualNode equality() {
        return equality;
    }
}
