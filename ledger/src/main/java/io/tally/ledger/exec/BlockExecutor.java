package io.tally.ledger.exec;

import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.exec.InvalidBlockException.Reason;
import io.tally.ledger.state.AccountState;
import io.tally.ledger.state.NodeReader;
import io.tally.ledger.state.SparseMerkleTree;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic execution: the same state and transactions give the same receipts, writes and
 * root on every machine (no clocks, no hash-map iteration, integer arithmetic with exact
 * overflow checks).
 *
 * <p>The rules, in the order they are checked for each transaction:
 *
 * <ol>
 *   <li>Block-invalidating (an {@link InvalidTransactionException}; a block containing such a
 *       transaction is rejected, a proposer skips it): the chain id differs from this chain's; the
 *       nonce is not exactly the sender's current nonce; the sender's nonce is already 2^63-1. A
 *       bad signature is also block-invalidating but is checked by {@link SignatureVerifier},
 *       not here.
 *   <li>Otherwise the transaction is included and the sender's nonce advances by one, whatever
 *       happens next. A TRANSFER then fails with a receipt, changing nothing else, when the
 *       recipient is the sender ({@link ReceiptStatus#SELF_TRANSFER}), when the amount exceeds the
 *       sender's balance ({@link ReceiptStatus#INSUFFICIENT_BALANCE}), or when the recipient's
 *       balance would pass 2^63-1 ({@link ReceiptStatus#RECIPIENT_OVERFLOW}); else it moves the
 *       amount. A RECORD always succeeds: it stores the value under (sender, key).
 * </ol>
 *
 * Transfers only move value, so the total supply is constant. Stateless and thread-safe.
 */
public final class BlockExecutor {
    private final String chainId;

    public BlockExecutor(String chainId) {
        this.chainId = chainId;
    }

    public String chainId() {
        return chainId;
    }

    /**
     * Applies one transaction to {@code state}.
     *
     * @return the receipt (success or a failure that consumed the nonce)
     * @throws InvalidTransactionException if the transaction cannot be included; {@code state} is unchanged
     */
    public Receipt apply(StateOverlay state, Transaction tx) throws InvalidTransactionException {
        if (!chainId.equals(tx.chainId())) {
            throw new InvalidTransactionException(InvalidTransactionException.Reason.WRONG_CHAIN,
                    "transaction " + tx.hash() + " is for chain '" + tx.chainId() + "', this is '" + chainId + "'");
        }
        Address sender = tx.senderAddress();
        AccountState from = state.account(sender);
        if (tx.nonce() != from.nonce()) {
            throw new InvalidTransactionException(InvalidTransactionException.Reason.BAD_NONCE,
                    "transaction " + tx.hash() + " has nonce " + tx.nonce() + ", the sender's next nonce is " + from.nonce());
        }
        if (from.nonce() == Long.MAX_VALUE) {
            throw new InvalidTransactionException(InvalidTransactionException.Reason.NONCE_EXHAUSTED,
                    "the sender's nonce cannot advance past 2^63-1");
        }
        AccountState fromAfterNonce = from.nextNonce();
        ReceiptStatus status = switch (tx.type()) {
            case TRANSFER -> transfer(state, sender, fromAfterNonce, (TransferPayload) tx.payload());
            case RECORD -> record(state, sender, fromAfterNonce, (RecordPayload) tx.payload());
        };
        return new Receipt(tx.hash(), status);
    }

    private static ReceiptStatus transfer(StateOverlay state, Address sender, AccountState from, TransferPayload p) {
        long amount = p.amount();
        if (p.to().equals(sender)) {
            state.putAccount(sender, from);
            return ReceiptStatus.SELF_TRANSFER;
        }
        if (amount > from.balance()) {
            state.putAccount(sender, from);
            return ReceiptStatus.INSUFFICIENT_BALANCE;
        }
        AccountState to = state.account(p.to());
        if (to.balance() > Long.MAX_VALUE - amount) {
            state.putAccount(sender, from);
            return ReceiptStatus.RECIPIENT_OVERFLOW;
        }
        state.putAccount(sender, from.debit(amount));
        state.putAccount(p.to(), to.credit(amount));
        return ReceiptStatus.SUCCESS;
    }

    private static ReceiptStatus record(StateOverlay state, Address sender, AccountState from, RecordPayload p) {
        state.putAccount(sender, from);
        state.putRecord(sender, p.key(), p.value());
        return ReceiptStatus.SUCCESS;
    }

    /**
     * Executes {@code txs} in order on the state with root {@code preStateRoot} after block
     * {@code parentHeight} (read through {@code state}; tree nodes through {@code nodes}), as a
     * validator or a committing node does; the new tree nodes belong to height {@code parentHeight + 1}.
     *
     * @throws InvalidBlockException ({@link Reason#INVALID_TRANSACTION}) naming the first transaction that cannot be included
     */
    public ExecutionResult execute(Hash preStateRoot, long parentHeight, StateReader state, NodeReader nodes, List<Transaction> txs)
            throws InvalidBlockException {
        StateOverlay overlay = new StateOverlay(state);
        List<Receipt> receipts = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            try {
                receipts.add(apply(overlay, txs.get(i)));
            } catch (InvalidTransactionException e) {
                throw new InvalidBlockException(Reason.INVALID_TRANSACTION,
                        "transaction " + i + " cannot be included: " + e.getMessage());
            }
        }
        return finish(preStateRoot, parentHeight, overlay, nodes, txs, receipts);
    }

    /**
     * The proposer's path: applies {@code candidates} in order, skipping (without effect) every one
     * that cannot be included, until {@code maxTransactions} are included.
     */
    public Selection select(Hash preStateRoot, long parentHeight, StateReader state, NodeReader nodes, List<Transaction> candidates,
            int maxTransactions) {
        StateOverlay overlay = new StateOverlay(state);
        List<Transaction> included = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Transaction tx : candidates) {
            if (included.size() >= maxTransactions) {
                break;
            }
            try {
                receipts.add(apply(overlay, tx));
                included.add(tx);
            } catch (InvalidTransactionException e) {
                skipped.add(new Skipped(tx, e.reason(), e.getMessage()));
            }
        }
        return new Selection(included, skipped, finish(preStateRoot, parentHeight, overlay, nodes, included, receipts));
    }

    private static ExecutionResult finish(Hash preStateRoot, long parentHeight, StateOverlay overlay, NodeReader nodes,
            List<Transaction> txs, List<Receipt> receipts) {
        var writes = overlay.writes();
        var update = new SparseMerkleTree(nodes).update(preStateRoot, parentHeight, writes, parentHeight + 1);
        return new ExecutionResult(preStateRoot, Block.computeTxRoot(txs), receipts, writes, update);
    }

    /** A candidate the proposer left out, and why. */
    public record Skipped(Transaction tx, InvalidTransactionException.Reason reason, String message) {}

    /** What the proposer included, what it skipped, and the execution of the included ones. */
    public record Selection(List<Transaction> included, List<Skipped> skipped, ExecutionResult result) {
        public Selection {
            included = List.copyOf(included);
            skipped = List.copyOf(skipped);
        }
    }
}
