package io.tally.rpc.port;

import io.tally.crypto.Hash;
import java.util.Optional;

/** Committed transactions by hash (an index the chain store keeps). */
public interface TxQuery {
    Optional<CommittedTx> committed(Hash txHash);
}
