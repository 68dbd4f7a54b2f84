package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateProof;
import java.util.Optional;

/**
 * The value (or absence) of a state key after block {@code height}, with the proof against that
 * block's state root, which is also in the block header. {@code value} is empty when absent.
 */
public record ProvenState(long height, Hash stateRoot, StateKey key, Optional<byte[]> value, StateProof proof) {
    /** Re-checks the proof (what a wallet does with the hex form). */
    public boolean verify() {
        return StateProof.verify(stateRoot, key.bytes(), value.orElse(null), proof.encode());
    }
}
