package io.tally.ledger.chain;

import io.tally.ledger.exec.StateReader;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.KvStore;
import java.util.Optional;

/** The flat latest state ({@link Column#STATE}): one read per key, no tree walk. */
public final class KvStateReader implements StateReader {
    private final KvStore store;

    public KvStateReader(KvStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(StateKey key) {
        return store.get(Column.STATE, key.bytes());
    }
}
