package io.tally.ledger.exec;

import io.tally.ledger.block.Block;
import io.tally.ledger.tx.Transaction;
import java.util.List;

/**
 * The signature pass, kept out of {@link BlockExecutor} so execution benchmarks and re-execution
 * of already verified blocks do not pay for it. Run it at mempool admission and on every block
 * received from a peer.
 */
public final class SignatureVerifier {
    private SignatureVerifier() {}

    public static void verify(Transaction tx) throws InvalidTransactionException {
        if (!tx.verifySignature()) {
            throw new InvalidTransactionException(InvalidTransactionException.Reason.BAD_SIGNATURE,
                    "transaction " + tx.hash() + " has an invalid signature");
        }
    }

    public static void verifyAll(Block block) throws InvalidBlockException {
        List<Transaction> txs = block.transactions();
        for (int i = 0; i < txs.size(); i++) {
            if (!txs.get(i).verifySignature()) {
                throw new InvalidBlockException(InvalidBlockException.Reason.INVALID_TRANSACTION,
                        "transaction " + i + " (" + txs.get(i).hash() + ") has an invalid signature");
            }
        }
    }
}
