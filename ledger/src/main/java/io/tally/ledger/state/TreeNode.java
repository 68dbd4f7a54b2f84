package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * A state-tree node held in memory with links to its children, so that an update walks the upper
 * levels of the tree by following references instead of probing a node cache by hash (each probe
 * a lock, a hash-map lookup and a fresh {@link Hash} per child). Opaque outside this package:
 * {@link SparseMerkleTree} creates and links them, a {@link NodeReader} may hand out the root of the
 * latest committed tree ({@link NodeReader#linkedRoot}).
 *
 * <p>The hash, version and stored bytes are final. The child links are filled in lazily as updates
 * read children, only ever with the node whose hash the parent's bytes name, and read without
 * synchronisation: a reader that sees no link (yet) reads the child from the store instead, and the
 * final fields make a linked node safe to use from any thread.
 */
public final class TreeNode {
    final Hash hash;
    final long version;
    final byte[] encoded;
    TreeNode left;
    TreeNode right;

    TreeNode(Hash hash, long version, byte[] encoded, TreeNode left, TreeNode right) {
        this.hash = hash;
        this.version = version;
        this.encoded = encoded;
        this.left = left;
        this.right = right;
    }
}
