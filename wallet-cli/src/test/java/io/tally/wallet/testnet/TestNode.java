package io.tally.wallet.testnet;

import io.tally.rpc.ledger.LedgerQueries;
import io.tally.rpc.port.ConsensusStatus;
import io.tally.rpc.port.NodeQueries;
import io.tally.rpc.port.NodeStatus;
import io.tally.rpc.port.TxSubmitter;
import io.tally.rpc.server.RpcConfig;
import io.tally.rpc.server.RpcServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The node the wallet talks to in tests: the real {@link RpcServer} over the {@link TestChain}'s
 * ChainStore and mempool, reached through a {@link TamperingRpcProxy} that lies on request.
 */
public final class TestNode implements AutoCloseable {
    public final TestChain chain;
    public final RpcServer server;
    public final TamperingRpcProxy proxy;

    public TestNode(Path dir) throws IOException {
        chain = new TestChain(dir.resolve("chain"));
        LedgerQueries q = new LedgerQueries(chain.chain);
        NodeQueries queries = new NodeQueries(q, q, q,
            () -> new NodeStatus(chain.chain.head().height(), 3, false, true),
            () -> new ConsensusStatus(chain.chain.head().height() + 1, 0, "PREPARE", 0, chain.validators.get(0), 0),
            q, TxSubmitter.of(chain.mempool));
        server = new RpcServer(RpcConfig.defaults().withPort(0), queries);
        server.start();
        proxy = new TamperingRpcProxy(URI.create("http://127.0.0.1:" + server.port() + "/"));
    }

    /** Commits the next block and tells the server (for its subscriptions). */
    public void commitBlock() {
        server.onBlockCommitted(chain.commitBlock());
    }

    public URI rpc() {
        return proxy.uri();
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
        chain.close();
    }
}
