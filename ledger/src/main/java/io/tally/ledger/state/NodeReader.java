package io.tally.ledger.state;

import io.tally.crypto.Hash;

/**
 * Where the tree reads persisted nodes from. A node is stored under the version (block height) of
 * the update that wrote it, and its parent records that version next to its hash (docs/storage.md).
 */
@FunctionalInterface
public interface NodeReader {
    /** The node bytes stored under {@code (version, hash)}, or null when there is none. */
    byte[] read(long version, Hash hash);

    /**
     * The in-memory, linked root of the tree {@code (version, root)} if this reader keeps one (the
     * latest committed tree), else null; the tree then walks its upper levels by reference.
     */
    default TreeNode linkedRoot(long version, Hash root) {
        return null;
    }
}
