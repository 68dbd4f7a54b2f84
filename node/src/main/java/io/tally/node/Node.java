package io.tally.node;

import io.tally.ledger.exec.BlockValidator;
import io.tally.mempool.Mempool;
import io.tally.mempool.MempoolConfig;
import io.tally.mempool.NonceLookup;
import io.tally.node.consensus.ConsensusComponent;
import io.tally.node.ledger.BlockSignatures;
import io.tally.node.ledger.CommitPipeline;
import io.tally.node.ledger.LedgerComponent;
import io.tally.node.net.NetworkComponent;
import io.tally.node.net.TxGossip;
import io.tally.node.rpc.RpcComponent;
import io.tally.node.sync.BlockSync;
import io.tally.node.sync.SyncServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: the subsystems started in dependency order (ledger → mempool → p2p → sync →
 * consensus → RPC) and closed in reverse. Each subsystem is wired by its own component class;
 * this class only orders them.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("node");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final NodeSettings settings;
    private Optional<ConsensusComponent> consensus = Optional.empty();
    private RpcComponent rpc;

    private Node(NodeSettings settings) {
        this.settings = settings;
    }

    /** Starts every subsystem; on any failure closes what was started and rethrows. */
    public static Node start(NodeSettings s) throws Exception {
        Node node = new Node(s);
        try {
            node.startAll();
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        NodeSettings s = settings;
        started.push(DataDirLock.acquire(s.dataDir()));
        LedgerComponent ledger = LedgerComponent.open(s.dataDir(), s.genesis());
        started.push(ledger);
        var chain = ledger.chain();

        // Blocks are made only when transactions are executable, so a block-count age limit is not a
        // clock: keep it long, so a transaction waiting out a view change or a backlog is not evicted.
        NonceLookup nonces = a -> chain.account(a).nonce();
        Mempool mempool = new Mempool(MempoolConfig.defaults(s.chainId()).withMaxAgeBlocks(100_000), nonces);
        started.push(mempool);
        BlockValidator validator = chain.newValidator(s.consensus().maxBlockTransactions());
        CommitPipeline pipeline = new CommitPipeline(chain, validator);
        pipeline.addListener((block, cert, receipts) -> mempool.onBlockCommitted(block));

        NetworkComponent network = NetworkComponent.start(s);
        started.push(network);
        network.host().registerHandler(network.syncProtocol(), new SyncServer(chain));
        TxGossip gossip = TxGossip.start(network, mempool, s.chainId(), nonces);
        started.push(gossip);

        // consensus is assigned below, before sync.start(): the thread start publishes it to sync
        BlockSync sync = new BlockSync(pipeline, new BlockSignatures(mempool.signatureCache()), network.host(),
            network.syncProtocol(), s.consensus().maxBlockTransactions(), height -> consensus.ifPresent(ConsensusComponent::chainAdvanced));
        started.push(sync);

        if (s.isValidator()) {
            ConsensusComponent c = ConsensusComponent.start(s, chain, ledger.store(), pipeline, mempool, network, sync);
            consensus = Optional.of(c);
            started.push(c);
        } else {
            LOG.info("key {} is not a validator: running as an observer", s.key().publicKey().toHex().substring(0, 16));
        }
        rpc = RpcComponent.start(s, chain, mempool, network, sync, consensus);
        started.push(rpc);
        pipeline.addListener((block, cert, receipts) -> rpc.onBlockCommitted(block));
        sync.start();
        LOG.info("node {} started: chain={} validator={} rpc=http://{}:{}", s.name(), s.chainId(),
            s.isValidator() ? s.validatorIndex() : "no", s.rpcHost(), rpc.port());
    }

    public int rpcPort() {
        return rpc.port();
    }

    /** The error that halted consensus, if it did. */
    public Optional<Throwable> failure() {
        return consensus.map(ConsensusComponent::failure);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /**
     * Runs until SIGTERM/SIGINT (clean shutdown, exit code 0) or until consensus halts (exit code 3,
     * so a supervisor restarts the node and it recovers from its persisted votes and ledger).
     */
    public static int runUntilShutdown(NodeSettings settings) throws InterruptedException {
        Node node;
        try {
            node = start(settings);
        } catch (Exception e) {
            LOG.error("start-up failed: {}", e.getMessage());
            LOG.debug("start-up failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("shutting down");
            node.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
            Optional<Throwable> failure = node.failure().filter(f -> f != null);
            if (failure.isPresent()) {
                LOG.error("consensus halted: {}; stopping the node", failure.get().toString());
                return 3;
            }
        }
        return 0;
    }
}
