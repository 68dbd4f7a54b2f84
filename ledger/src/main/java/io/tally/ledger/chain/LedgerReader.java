package io.tally.ledger.chain;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.exec.Receipt;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.StateKey;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the committed chain, for RPC and the node. Thread-safe; every answer reflects
 * some committed head (a read racing a commit may see the newer one).
 */
public interface LedgerReader {
    String chainId();

    Hash genesisHash();

    ValidatorSet validators();

    Head head();

    Optional<Block> blockByHeight(long height);

    Optional<Block> blockByHash(Hash hash);

    /** The commit certificate of a block; none for block 0. */
    Optional<CommitCertificate> certificate(long height);

    /** Receipts of a committed block in transaction order (empty for an unknown height). */
    List<Receipt> receipts(long height);

    Optional<TxLookup> transaction(Hash txHash);

    /** The account at the head; {@link AccountState#EMPTY} if never used. */
    AccountState account(Address address);

    /** A record's value at the head. */
    Optional<byte[]> record(Address owner, byte[] recordKey);

    /**
     * The value of {@code key} at the head with its proof against the head's state root. (Older
     * trees are not all kept: the chain writes its tree only at tree flushes.)
     */
    ProvenState proveState(StateKey key);

    /** Stored evidence at heights {@code >= fromHeight}, ascending, at most {@code limit} (≤ 1000). */
    List<Evidence> evidence(long fromHeight, int limit);
}
