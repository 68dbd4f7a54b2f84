package io.tally.rpc;

import io.tally.crypto.KeyPair;
import io.tally.ledger.block.Block;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.store.LevelDbStore;
import io.tally.ledger.tx.Transaction;
import io.tally.mempool.Mempool;
import io.tally.mempool.MempoolConfig;
import io.tally.mempool.NonceLookup;
import io.tally.rpc.ledger.LedgerQueries;
import io.tally.rpc.port.ConsensusStatus;
import io.tally.rpc.port.NodeQueries;
import io.tally.rpc.port.NodeStatus;
import io.tally.rpc.port.TxSubmitter;
import io.tally.rpc.server.RpcConfig;
import io.tally.rpc.server.RpcServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A node as far as the RPC can see: a real chain store on LevelDB in a temporary directory, a real
 * mempool, and the RPC server on an ephemeral loopback port. Blocks are produced on demand from the
 * mempool. Node and consensus status are plain values the test sets (their producers live in p2p
 * and consensus).
 */
public final class TestNode implements AutoCloseable {
    public final TestLedger ledger;
    public final LevelDbStore store;
    public final ChainStore chain;
    public final Mempool mempool;
    public final RpcServer server;
    public final NonceLookup nonces;
    public final AtomicReference<NodeStatus> nodeStatus = new AtomicReference<>(new NodeStatus(0, 3, false, true));
    public final AtomicReference<ConsensusStatus> consensusStatus;

    public TestNode(Path dir, RpcConfig config) {
        this(dir, config, null);
    }

    public TestNode(Path dir, RpcConfig config, MempoolConfig mempoolConfig) {
        this(dir, config, mempoolConfig, 8);
    }

    public TestNode(Path dir, RpcConfig config, MempoolConfig mempoolConfig, int accounts) {
        ledger = TestLedger.create(4, accounts, 1_000_000);
        store = LevelDbStore.open(dir.resolve("db"));
        chain = ChainStore.initGenesis(store, ledger.genesis);
        nonces = a -> chain.account(a).nonce();
        mempool = new Mempool(mempoolConfig != null ? mempoolConfig : MempoolConfig.defaults(TestLedger.CHAIN_ID), nonces);
        consensusStatus = new AtomicReference<>(new ConsensusStatus(1, 0, "PREPARE", 1,
            ledger.validators.get(1), 0));
        LedgerQueries q = new LedgerQueries(chain);
        NodeQueries queries = new NodeQueries(q, q, q, nodeStatus::get, consensusStatus::get, q,
            TxSubmitter.of(mempool));
        server = new RpcServer(config.withPort(0), queries);
        server.start();
    }

    public static RpcConfig testConfig() {
        return RpcConfig.defaults().withPort(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + server.port() + "/ws";
    }

    public KeyPair account(int i) {
        return ledger.accounts.get(i);
    }

    /** Proposes a block from the mempool, commits it, evicts its transactions, tells the server. */
    public Block produceBlock() {
        List<Transaction> txs = mempool.reap(TestLedger.MAX_TXS, 8 << 20, nonces);
        return commit(txs);
    }

    /** Commits a block of exactly the includable ones of {@code txs}, bypassing the mempool. */
    public Block commit(List<Transaction> txs) {
        Block b = ledger.commitNext(chain, txs);
        mempool.onBlockCommitted(b);
        NodeStatus s = nodeStatus.get();
        nodeStatus.set(new NodeStatus(b.height(), s.peers(), s.syncing(), s.quorumConnected()));
        server.onBlockCommitted(b);
        return b;
    }

    @Override
    public void close() {
        server.stop();
        mempool.close();
        store.close();
    }
}
