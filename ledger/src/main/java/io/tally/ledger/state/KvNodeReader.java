package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.KvStore;

/** Reads tree nodes from the {@link Column#SMT_NODE} column (key = u64 version ‖ 32-byte node hash). */
public final class KvNodeReader implements NodeReader {
    private final KvStore store;

    public KvNodeReader(KvStore store) {
        this.store = store;
    }

    @Override
    public byte[] read(long version, Hash hash) {
        return store.get(Column.SMT_NODE, SmtNodes.key(version, hash)).orElse(null);
    }
}
