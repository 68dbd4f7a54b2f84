package io.tally.ledger.state;

import io.tally.crypto.Hash;

/** Where the tree reads persisted nodes from. */
@FunctionalInterface
public interface NodeReader {
    /** The node bytes stored under {@code hash}, or null when there is none. */
    byte[] read(Hash hash);
}
