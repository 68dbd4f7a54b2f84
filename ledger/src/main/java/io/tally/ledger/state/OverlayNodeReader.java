package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.Map;

/**
 * Nodes written by updates that are not committed yet, over a base reader: lets a proposer or a
 * validator chain several uncommitted updates. A pending node is found by its hash whatever version
 * is asked for: a hash names one content, and the pending nodes' children are pending or stored.
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
    public byte[] read(long version, Hash hash) {
        byte[] n = pending.get(hash);
        return n != null ? n : base.read(version, hash);
    }
}
