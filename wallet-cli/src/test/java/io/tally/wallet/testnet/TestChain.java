package io.tally.wallet.testnet;

import io.tally.crypto.Address;
import io.tally.crypto.KeyPair;
import io.tally.crypto.Signer;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.block.CommitStatement;
import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.block.ValidatorSet;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.Head;
import io.tally.ledger.exec.BlockValidator;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.Mempool;
import io.tally.mempool.MempoolConfig;
import io.tally.mempool.NonceLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ledger for wallet tests: the ledger's ChainStore on LevelDB, the real mempool, and four
 * validator keys that sign a commit certificate for every block this test commits. Nothing about
 * consensus is simulated except the vote itself: blocks are built by the ledger's own proposer
 * path and committed through ChainStore.commit, which checks the certificate.
 */
public final class TestChain implements AutoCloseable {
    public static final String CHAIN_ID = "wallet-test";
    public static final long ALICE_BALANCE = 1_000_000;
    public static final long GENESIS_MILLIS = 1_700_000_000_000L;

    public final List<KeyPair> validatorKeys = new ArrayList<>();
    public final ValidatorSet validators;
    public final KeyPair alice = KeyPair.fromSeed(seed(100));
    public final KeyPair bob = KeyPair.fromSeed(seed(101));
    public final ChainStore chain;
    public final Mempool mempool;
    private final LevelDbStore store;
    private final BlockValidator blockValidator;
    private long clockMillis = GENESIS_MILLIS;

    public TestChain(Path dataDir) {
        for (int i = 0; i < 4; i++) {
            validatorKeys.add(KeyPair.fromSeed(seed(i + 1)));
        }
        validators = new ValidatorSet(validatorKeys.stream().map(KeyPair::publicKey).toList());
        store = LevelDbStore.open(dataDir);
        try {
            // block 0 from the very genesis.json the wallet trusts, so its hash binds the whole document
            chain = ChainStore.initGenesis(store, io.tally.genesis.GenesisJson.parse(
                genesisJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toGenesisState());
        } catch (io.tally.genesis.InvalidFileException e) {
            throw new IllegalStateException(e);
        }
        mempool = new Mempool(MempoolConfig.defaults(CHAIN_ID), nonces());
        blockValidator = chain.newValidator(1000);
    }

    /** The genesis.json (docs/genesis.md) that describes exactly this chain's block 0. */
    public String genesisJson() {
        StringBuilder sb = new StringBuilder("{\"format\":1,\"chainId\":\"" + CHAIN_ID + "\",")
            .append("\"genesisTime\":\"").append(java.time.Instant.ofEpochMilli(GENESIS_MILLIS)).append("\",")
            .append("\"consensus\":{\"maxBlockTransactions\":1000,\"maxBlockBytes\":4194304,")
            .append("\"viewTimeoutMillisBase\":2000,\"viewTimeoutMaxMultiplier\":8,\"heartbeatMillis\":0},")
            .append("\"validators\":[");
        for (int i = 0; i < validatorKeys.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"node").append(i).append("\",\"publicKey\":\"")
                .append(validatorKeys.get(i).publicKey().toHex()).append("\",\"p2pAddress\":\"/ip4/127.0.0.1/tcp/")
                .append(26656 + i).append("\"}");
        }
        return sb.append("],\"alloc\":[{\"address\":\"").append(alice.address()).append("\",\"balance\":\"")
            .append(ALICE_BALANCE).append("\"}]}").toString();
    }

    public static byte[] seed(int n) {
        byte[] s = new byte[32];
        s[0] = (byte) n;
        s[31] = 0x5a;
        return s;
    }

    public NonceLookup nonces() {
        return (Address a) -> chain.account(a).nonce();
    }

    /**
     * Builds the next block from the mempool with the ledger's proposer path, has a quorum of the
     * validators sign its commit statement, and commits it. Returns the committed block.
     */
    public synchronized Block commitBlock() {
        Head head = chain.head();
        List<Transaction> candidates = mempool.reap(1000, 4 << 20, nonces());
        int proposer = (int) ((head.height() + 1) % validators.size());
        clockMillis += 1000;
        BlockValidator.Proposal p = blockValidator.propose(head.header(), validatorKeys.get(proposer).publicKey(),
            clockMillis, candidates, chain.stateReader(), chain.nodeReader());
        Block block = p.block();
        CommitStatement st = new CommitStatement(CHAIN_ID, block.height(), 0, block.hash());
        List<CommitSignature> sigs = new ArrayList<>();
        for (int i = 0; i < validators.quorum(); i++) {
            sigs.add(new CommitSignature(i, st.sign(Signer.of(validatorKeys.get(i)))));
        }
        try {
            chain.commit(block, new CommitCertificate(block.height(), 0, block.hash(), sigs), p.result());
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException("test certificate rejected", e);
        }
        mempool.onBlockCommitted(block);
        return block;
    }

    @Override
    public void close() {
        mempool.close();
        store.close();
    }

}
