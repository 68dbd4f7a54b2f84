package io.tally.ledger.chain;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.block.CommitStatement;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture shared through the ledger test-jar: deterministic keys, a genesis with funded
 * accounts, transaction builders, and a helper that proposes, certifies and commits a block.
 */
public final class TestLedger {
    public static final String CHAIN_ID = "tally-test";
    public static final long GENESIS_TIME_MILLIS = 1_700_000_000_000L;
    public static final int MAX_TXS = 10_000;

    public final List<KeyPair> validatorKeys;
    public final ValidatorSet validators;
    public final List<KeyPair> accounts;
    public final GenesisState genesis;

    private TestLedger(List<KeyPair> validatorKeys, List<KeyPair> accounts, GenesisState genesis) {
        this.validatorKeys = validatorKeys;
        this.validators = genesis.validators();
        this.accounts = accounts;
        this.genesis = genesis;
    }

    /** Deterministic key number {@code i} of family {@code family}. */
    public static KeyPair key(String family, int i) {
        return KeyPair.fromSeed(Sha256.hash(("tally-test/" + family + "/" + i).getBytes(StandardCharsets.UTF_8)).bytes());
    }

    public static TestLedger create(int validatorCount, int accountCount, long balanceEach) {
        List<KeyPair> accounts = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            accounts.add(key("account", i));
        }
        return create(validatorCount, accounts, balanceEach);
    }

    /** A ledger whose genesis funds exactly {@code accounts}. */
    public static TestLedger create(int validatorCount, List<KeyPair> accounts, long balanceEach) {
        List<KeyPair> vkeys = new ArrayList<>();
        for (int i = 0; i < validatorCount; i++) {
            vkeys.add(key("validator", i));
        }
        Map<Address, Long> balances = new LinkedHashMap<>();
        for (KeyPair k : accounts) {
            balances.put(k.address(), balanceEach);
        }
        ValidatorSet set = new ValidatorSet(vkeys.stream().map(KeyPair::publicKey).toList());
        return new TestLedger(vkeys, accounts, new GenesisState(CHAIN_ID, GENESIS_TIME_MILLIS, set, balances));
    }

    public Transaction transfer(KeyPair from, long nonce, Address to, long amount) {
        return Transaction.sign(from, CHAIN_ID, nonce, new TransferPayload(to, amount));
    }

    public Transaction record(KeyPair from, long nonce, byte[] key, byte[] value) {
        return Transaction.sign(from, CHAIN_ID, nonce, new RecordPayload(key, value));
    }

    /** A certificate signed by the first quorum of validators, view 0. */
    public CommitCertificate certify(Block block) {
        CommitStatement st = new CommitStatement(CHAIN_ID, block.height(), 0, block.hash());
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i = 0; i < validators.quorum(); i++) {
            sigs.add(new CommitSignature(i, st.sign(Signer.of(validatorKeys.get(i)))));
        }
        return new CommitCertificate(block.height(), 0, block.hash(), sigs);
    }

    /**
     * Proposes a block of the includable candidates on the head (proposer: validator 0, one second
     * after the head), certifies and commits it.
     */
    public Block commitNext(ChainStore chain, List<Transaction> candidates) {
        BlockValidator v = chain.newValidator(MAX_TXS);
        Head head = chain.head();
        BlockValidator.Proposal p = v.propose(head.header(), validatorKeys.get(0).publicKey(),
                head.header().timestampMillis() + 1000, candidates, chain.stateReader(), chain.nodeReader());
        try {
            chain.commit(p.block(), certify(p.block()), p.result());
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException(e);
        }
        return p.block();
    }
}
