package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * A state-tree node held in memory with links to its children, so that an update walks the upper
 * levels of the tree by following references instead of probing a node cache by hash (each probe
 * a lock, a hash-map lookup and a fresh {@link Hash} per child). Opaque outside this package:
 * {@link SparseMerkleTree} creates and links them, a {@link NodeReader} may hand out the root of the
 * latest committed tree ({@link NodeReader#linkedRoot}).
 *
 * <p>The hash, version and stored bytes are final. A node created by an update gets the links to
 * its new children in its constructor (an unflushed node within the linked levels is reachable only
 * that way); links to children read from the store are filled in lazily as updates read them, only
 * ever with the node whose hash the parent's bytes name, and read without synchronisation: a reader
 * that sees no link (yet) reads the child through the node reader instead, and the final fields
 * make a linked node safe to use from any thread.
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
