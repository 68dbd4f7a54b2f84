package io.tally.consensus.sim;

import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.crypto.PublicKey;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks for the simulator. Validity is cheap and checkable: a block is valid when its state root
 * is {@code SHA-256("sim-state" | height | txRoot)}, which stands in for executing it.
 */
public final class SimChain {
    public static final String CHAIN_ID = "tally-sim";

    private final ValidatorSet validators;
    private final BlockHeader genesis;
    private final List<Transaction> pool;

    public SimChain(ValidatorSet validators, int poolSize) {
        this.validators = validators;
        this.genesis = new BlockHeader(CHAIN_ID, 0, 1_000, Hash.ZERO, BlockHeader.NO_PROPOSER,
            Block.computeTxRoot(List.of()), Hash.ZERO, validators.hash());
        KeyPair client = KeyPair.fromSeed(Sha256.hash("sim-client".getBytes(StandardCharsets.US_ASCII)).bytes());
        this.pool = new ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            pool.add(Transaction.sign(client, CHAIN_ID, i,
                new RecordPayload(("k" + i).getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) i})));
        }
    }

    public static KeyPair key(int i) {
        return KeyPair.fromSeed(Sha256.hash(("sim-validator-" + i).getBytes(StandardCharsets.US_ASCII)).bytes());
    }

    public static ValidatorSet validators(int n) {
        List<PublicKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(key(i).publicKey());
        }
        return new ValidatorSet(keys);
    }

    public BlockHeader genesis() {
        return genesis;
    }

    public ValidatorSet validatorSet() {
        return validators;
    }

    public static Hash stateRoot(long height, Hash txRoot) {
        return Sha256.hash(new ByteWriter(64).raw("sim-state".getBytes(StandardCharsets.US_ASCII)).u63(height)
            .raw(txRoot.bytes()).toByteArray());
    }

    /** A valid block; {@code salt} picks which transactions go in, so twins build different blocks. */
    public Block build(long height, Hash parent, long timestamp, PublicKey proposer, int txCount, int salt) {
        List<Transaction> txs = new ArrayList<>(txCount);
        for (int i = 0; i < txCount; i++) {
            txs.add(pool.get((int) ((height * 7 + salt * 13 + i) % pool.size())));
        }
        return assemble(height, parent, timestamp, proposer, txs, true);
    }

    public Block assemble(long height, Hash parent, long timestamp, PublicKey proposer, List<Transaction> txs,
            boolean valid) {
        Hash txRoot = Block.computeTxRoot(txs);
        Hash state = valid ? stateRoot(height, txRoot) : Sha256.hash(txRoot.bytes());
        return new Block(new BlockHeader(CHAIN_ID, height, timestamp, parent, proposer, txRoot, state,
            validators.hash()), txs);
    }

    public static boolean isValid(Block b) {
        return b.checkTxRoot() && b.header().stateRoot().equals(stateRoot(b.height(), b.header().txRoot()));
    }
}
