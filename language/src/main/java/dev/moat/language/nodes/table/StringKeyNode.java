package dev.moat.language.nodes.table;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.strings.TruffleString;
import dev.moat.language.runtime.MoatStrings;
import dev.moat.language.runtime.MoatTable;

/**
 * A computed string key's table hash (see MoatTable#stringKeyHash) through a cached
 * {@code TruffleString.HashCodeNode}, which reads a string's known hash inline: {@code TruffleString.hashCode()}
 * is a boundary, one real call per {@code d[k]} in compiled code.
 */
final class StringKeyHashNode extends Node {
    @Child private TruffleString.HashCodeNode hashes = TruffleString.HashCodeNode.create();

    int execute(TruffleString key) {
        return MoatTable.stringKeyHash(hashes.execute(key, MoatStrings.ENCODING));
    }
}
