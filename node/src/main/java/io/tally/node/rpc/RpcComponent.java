package io.tally.node.rpc;

import io.tally.consensus.driver.ConsensusDriver;
import io.tally.ledger.block.Block;
import io.tally.ledger.chain.ChainStore;
import io.tally.mempool.Mempool;
import io.tally.node.NodeSettings;
import io.tally.node.consensus.ConsensusComponent;
import io.tally.node.net.NetworkComponent;
import io.tally.node.sync.BlockSync;
import io.tally.p2p.PeerInfo;
import io.tally.rpc.ledger.LedgerQueries;
import io.tally.rpc.port.ConsensusStatus;
import io.tally.rpc.port.NodeQueries;
import io.tally.rpc.port.NodeStatus;
import io.tally.rpc.port.TxSubmitter;
import io.tally.rpc.server.RpcConfig;
import io.tally.rpc.server.RpcServer;
import java.util.Optional;

/**
 * The JSON-RPC server over this node's ports: ledger reads through {@link LedgerQueries},
 * submissions into the mempool, and live status from p2p, sync and consensus.
 */
public final class RpcComponent implements AutoCloseable {
    private final RpcServer server;

    private RpcComponent(RpcServer server) {
        this.server = server;
    }

    public static RpcComponent start(NodeSettings s, ChainStore chain, Mempool mempool, NetworkComponent network,
            BlockSync sync, Optional<ConsensusComponent> consensus) {
        LedgerQueries ledger = new LedgerQueries(chain);
        int self = s.validatorIndex();
        NodeQueries queries = new NodeQueries(ledger, ledger, ledger,
            () -> nodeStatus(chain, network, sync, self),
            () -> consensusStatus(chain, consensus),
            ledger, TxSubmitter.of(mempool));
        RpcConfig config = RpcConfig.defaults().withAddress(s.rpcHost(), s.rpcPort());
        RpcServer server = new RpcServer(config, queries,
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
            s.metricsEnabled());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot serve JSON-RPC on " + s.rpcHost() + ":" + s.rpcPort() + ": "
                + rootMessage(e), e);
        }
        return new RpcComponent(server);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    static NodeStatus nodeStatus(ChainStore chain, NetworkComponent network, BlockSync sync, int self) {
        long height = chain.head().height();
        int validatorsConnected = self >= 0 ? 1 : 0;
        java.util.List<PeerInfo> peers = network.connectedPeers();
        for (PeerInfo p : peers) {
            if (network.validatorIndex(p.peerId()).isPresent()) {
                validatorsConnected++;
            }
        }
        boolean syncing = sync.syncing() || sync.bestKnownHeight() > height + 1;
        return new NodeStatus(height, peers.size(), syncing,
            validatorsConnected >= chain.validators().quorum());
    }

    static ConsensusStatus consensusStatus(ChainStore chain, Optional<ConsensusComponent> consensus) {
        if (consensus.isEmpty()) {
            long next = chain.head().height() + 1;
            return new ConsensusStatus(next, 0, "observer", -1, chain.validators().get(0), 0);
        }
        ConsensusDriver.Status st = consensus.get().status();
        String phase = consensus.get().failure() != null ? "halted" : st.viewChanging() ? "view-change" : "normal";
        return new ConsensusStatus(st.height(), st.view(), phase, st.primary(), chain.validators().get(st.primary()),
            st.viewChanges());
    }

    public int port() {
        return server.port();
    }

    public void onBlockCommitted(Block block) {
        server.onBlockCommitted(block);
    }

    @Override
    public void close() {
        server.close();
    }
}
