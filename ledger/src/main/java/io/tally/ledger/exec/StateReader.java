package io.tally.ledger.exec;

import io.tally.ledger.state.StateKey;
import java.util.Optional;

/** Read access to one version of the state (normally the committed head). */
@FunctionalInterface
public interface StateReader {
    Optional<byte[]> get(StateKey key);
}
