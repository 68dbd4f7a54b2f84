package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.Map;

/**
 * Nodes written by updates that are not committed yet, over a base reader: lets a proposer or a
 * validator chain several uncommitted updates.
 */
public final class OverlayNodeReader implements NodeReader {
    private final NodeReader base;
    private final Map<Hash, byte[]> pending;

    /** {@code pending} is read live, not copied: the caller keeps adding to it. */
    public OverlayNodeReader(NodeReader base, Map<Hash, byte[]> pending) {
        this.base = base;
        this.pending = pending;
    }

    @Override
    public byte[] read(Hash hash) {
        byte[] n = pending.get(hash);
        return n != null ? n : base.read(hash);
    }
}
