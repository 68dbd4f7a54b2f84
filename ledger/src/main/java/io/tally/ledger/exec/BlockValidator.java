package io.tally.ledger.exec;

import io.tally.crypto.Hash;
import io.tally.crypto.PublicKey;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.exec.InvalidBlockException.Reason;
import io.tally.ledger.state.NodeReader;
import io.tally.ledger.tx.Transaction;
import java.util.List;

/**
 * Builds proposals and validates them against their parent. The block rules: same chain id,
 * height = parent + 1, previous hash = parent hash, timestamp not before the parent's, the
 * validator-set hash of the chain, a proposer that is a validator, at most
 * {@code maxTransactions} transactions, the tx root of the body, every transaction includable
 * ({@link BlockExecutor}) with a valid signature, and the state root after execution.
 * Stateless and thread-safe.
 */
public final class BlockValidator {
    private final BlockExecutor executor;
    private final ValidatorSet validators;
    private final int maxTransactions;

    public BlockValidator(String chainId, ValidatorSet validators, int maxTransactions) {
        if (maxTransactions < 0 || maxTransactions > Block.MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("maxTransactions must be 0.." + Block.MAX_TRANSACTIONS);
        }
        this.executor = new BlockExecutor(chainId);
        this.validators = validators;
        this.maxTransactions = maxTransactions;
    }

    public BlockExecutor executor() {
        return executor;
    }

    /**
     * The proposer's path: a block on top of {@code parent} holding the includable prefix of
     * {@code candidates} (invalid ones skipped), its timestamp raised to the parent's if needed.
     * Signatures of candidates are assumed verified at admission.
     */
    public Proposal propose(BlockHeader parent, PublicKey proposer, long timestampMillis, List<Transaction> candidates,
            StateReader state, NodeReader nodes) {
        BlockExecutor.Selection s = executor.select(parent.stateRoot(), parent.height(), state, nodes, candidates, maxTransactions);
        BlockHeader header = new BlockHeader(executor.chainId(), parent.height() + 1,
                Math.max(timestampMillis, parent.timestampMillis()), parent.hash(), proposer, s.result().txRoot(),
                s.result().stateRoot(), validators.hash());
        return new Proposal(new Block(header, s.included()), s);
    }

    /** A built block, with the execution that produced its state root. */
    public record Proposal(Block block, BlockExecutor.Selection selection) {
        public ExecutionResult result() {
            return selection.result();
        }
    }

    /**
     * The validator's path: checks every block rule and returns the execution, ready to commit.
     *
     * @throws InvalidBlockException naming the first rule broken
     */
    public ExecutionResult validate(BlockHeader parent, Block block, StateReader state, NodeReader nodes,
            SignatureCheck signatures) throws InvalidBlockException {
        BlockHeader h = block.header();
        require(h.chainId().equals(executor.chainId()), Reason.WRONG_CHAIN,
                "block is for chain '" + h.chainId() + "', this is '" + executor.chainId() + "'");
        require(h.height() == parent.height() + 1, Reason.WRONG_HEIGHT,
                "block height " + h.height() + ", expected " + (parent.height() + 1));
        Hash parentHash = parent.hash();
        require(h.previousHash().equals(parentHash), Reason.WRONG_PREVIOUS_HASH,
                "block's previous hash " + h.previousHash() + " is not the parent " + parentHash);
        require(h.timestampMillis() >= parent.timestampMillis(), Reason.TIMESTAMP_BEFORE_PARENT,
                "block time " + h.timestampMillis() + " is before its parent's " + parent.timestampMillis());
        require(h.validatorSetHash().equals(validators.hash()), Reason.WRONG_VALIDATOR_SET,
                "block names validator set " + h.validatorSetHash() + ", the chain's is " + validators.hash());
        require(validators.contains(h.proposer()), Reason.PROPOSER_NOT_A_VALIDATOR,
                "proposer " + h.proposer().toHex() + " is not a validator");
        require(block.transactions().size() <= maxTransactions, Reason.TOO_MANY_TRANSACTIONS,
                "block has " + block.transactions().size() + " transactions, the limit is " + maxTransactions);
        require(block.checkTxRoot(), Reason.TX_ROOT_MISMATCH, "the header's tx root does not match the transactions");
        if (signatures == SignatureCheck.VERIFY) {
            SignatureVerifier.verifyAll(block);
        }
        ExecutionResult r = executor.execute(parent.stateRoot(), parent.height(), state, nodes, block.transactions());
        require(r.stateRoot().equals(h.stateRoot()), Reason.STATE_ROOT_MISMATCH,
                "the header's state root " + h.stateRoot() + " differs from the executed " + r.stateRoot());
        return r;
    }

    private static void require(boolean ok, Reason reason, String message) throws InvalidBlockException {
        if (!ok) {
            throw new InvalidBlockException(reason, message);
        }
    }
}
