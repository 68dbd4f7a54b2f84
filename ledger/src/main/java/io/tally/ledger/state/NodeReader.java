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
}
