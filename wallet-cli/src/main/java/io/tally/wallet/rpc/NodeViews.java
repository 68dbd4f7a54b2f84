package io.tally.wallet.rpc;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.tx.Transaction;
import java.util.List;

/** What the node said, parsed but not yet verified. Byte arrays are owned by the view. */
public final class NodeViews {
    private NodeViews() {}

    public record ChainInfo(String chainId, long headHeight) {}

    /** A state proof as served: claimed height and root, proven key and value (null = absent). */
    public record StateProofView(long height, Hash stateRoot, byte[] key, byte[] value, byte[] proof) {}

    public record AccountView(Address address, long balance, long nonce, long pendingNonce, StateProofView proof) {}

    public record RecordView(Address owner, byte[] key, boolean exists, byte[] value, StateProofView proof) {}

    /** RFC 6962 audit path of a transaction in its block's txRoot. */
    public record InclusionProof(int index, int count, List<Hash> path) {
        public InclusionProof {
            path = List.copyOf(path);
        }
    }

    public record Receipt(boolean success, String code, String message) {}

    /**
     * @param status {@code pending}, {@code committed}, {@code failed} or {@code unknown}
     * @param transaction decoded from the served {@code raw} bytes; null when the node did not send it
     */
    public record TxView(Hash hash, String status, Transaction transaction, long blockHeight, Hash blockHash,
            Receipt receipt, InclusionProof proof) {
        public boolean inBlock() {
            return "committed".equals(status) || "failed".equals(status);
        }
    }

    /**
     * @param transactions the body when requested in full, else null
     * @param transactionHashes the hashes when not requested in full, else null
     */
    public record BlockView(BlockHeader header, Hash claimedHash, int transactionCount, List<Transaction> transactions,
            List<Hash> transactionHashes) {}
}
