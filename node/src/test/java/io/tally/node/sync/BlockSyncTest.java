package io.tally.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.CommitSignature;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.chain.TestLedger;
import io.tally.ledger.store.InMemoryStore;
import io.tally.mempool.SignatureCache;
import io.tally.node.ledger.BlockSignatures;
import io.tally.node.ledger.CommitPipeline;
import io.tally.node.net.Peers;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.P2pConfig;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Block sync against real libp2p hosts on loopback: a node that is behind fetches certified blocks,
 * and a peer that serves a forged certificate or a tampered block is dropped while the sync
 * completes from an honest peer.
 */
@Timeout(60)
class BlockSyncTest {
    private static final String PROTOCOL = "/tally/" + TestLedger.CHAIN_ID + "/sync/1";
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private static KeyPair hostKey(int i) {
        return KeyPair.fromSeed(Sha256.hash(new byte[] {'h', (byte) i}).bytes());
    }

    private P2pHost host(int i, int peers) {
        P2pConfig.Builder b = P2pConfig.builder(hostKey(i).seed()).listen("/ip4/127.0.0.1/tcp/0");
        for (int j = 0; j < peers; j++) {
            b.allow(Peers.peerId(hostKey(j).publicKey()));
        }
        P2pHost h = P2pHost.start(b.build());
        closeables.add(h);
        return h;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval
        }
    }

    private static BlockSignatures signatures() {
        return new BlockSignatures(new SignatureCache(10_000));
    }

    private static ChainStore honestChain(TestLedger t, int blocks) {
        ChainStore chain = ChainStore.initGenesis(new InMemoryStore(), t.genesis);
        for (int i = 0; i < blocks; i++) {
            t.commitNext(chain, List.of(t.transfer(t.accounts.get(0), i, t.accounts.get(1).address(), 1 + i)));
        }
        return chain;
    }

    private void dial(P2pHost from, P2pHost to) throws Exception {
        Multiaddr addr = to.listenAddresses().get(0);
        String text = addr.toString().contains("/p2p/") ? addr.toString() : addr + "/p2p/" + to.peerId();
        from.dial(Multiaddr.parse(text)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNodeBehindCatchesUpFromAnHonestPeerAndDropsALiar() throws Exception {
        TestLedger t = TestLedger.create(4, 2, 1_000_000);
        ChainStore honest = honestChain(t, 6);
        P2pHost honestHost = host(0, 3);
        honestHost.registerHandler(PROTOCOL, new SyncServer(honest));

        // The liar serves the honest blocks, but with the certificate of block 3 re-pointed at block 2's
        // signatures (invalid signatures) and block 4's body truncated (tx root mismatch).
        AtomicInteger liarServed = new AtomicInteger();
        P2pHost liar = host(1, 3);
        liar.registerHandler(PROTOCOL, (from, request) -> {
            liarServed.incrementAndGet();
            SyncCodec.Request r = SyncCodec.decodeRequest(request);
            List<byte[]> blocks = new ArrayList<>();
            List<byte[]> certs = new ArrayList<>();
            for (long h = r.fromHeight(); h <= honest.head().height() && blocks.size() < r.maxBlocks(); h++) {
                Block b = honest.blockByHeight(h).orElseThrow();
                CommitCertificate c = honest.certificate(h).orElseThrow();
                if (h == 3) {
                    List<CommitSignature> stolen = honest.certificate(2).orElseThrow().signatures();
                    c = new CommitCertificate(c.height(), c.view(), c.blockHash(), stolen);
                }
                if (h == 4) {
                    b = new Block(b.header(), List.of());
                }
                blocks.add(b.encode());
                certs.add(c.encode());
            }
            return SyncCodec.encodeResponse(honest.head().height(), blocks, certs);
        });

        ChainStore behind = ChainStore.initGenesis(new InMemoryStore(), t.genesis);
        CommitPipeline pipeline = new CommitPipeline(behind, behind.newValidator(TestLedger.MAX_TXS));
        P2pHost client = host(2, 3);
        dial(client, liar);
        dial(client, honestHost);
        AtomicInteger advanced = new AtomicInteger();
        BlockSync sync = new BlockSync(pipeline, signatures(), client, PROTOCOL, TestLedger.MAX_TXS, h -> advanced.incrementAndGet());
        closeables.add(sync);
        sync.start();
        sync.requestSync(6);

        await(() -> behind.head().height() == 6, "the node behind to reach height 6");
        for (long h = 1; h <= 6; h++) {
            assertEquals(honest.blockByHeight(h).orElseThrow().hash(), behind.blockByHeight(h).orElseThrow().hash(),
                "block " + h);
        }
        assertEquals(honest.head().header().stateRoot(), behind.head().header().stateRoot());
        assertTrue(advanced.get() > 0, "consensus is told the chain advanced");
        assertEquals(sync.bestKnownHeight(), 6);
    }

    @Test
    void anIdleNetworkIsStillDiscoveredByPolling() throws Exception {
        TestLedger t = TestLedger.create(4, 2, 1_000_000);
        ChainStore honest = honestChain(t, 3);
        P2pHost honestHost = host(0, 3);
        honestHost.registerHandler(PROTOCOL, new SyncServer(honest));
        ChainStore behind = ChainStore.initGenesis(new InMemoryStore(), t.genesis);
        P2pHost client = host(2, 3);
        dial(client, honestHost);
        BlockSync sync = new BlockSync(new CommitPipeline(behind, behind.newValidator(TestLedger.MAX_TXS)), signatures(),
            client, PROTOCOL, TestLedger.MAX_TXS, h -> { });
        closeables.add(sync);
        sync.start(); // nobody asks it to sync: the periodic poll finds the peer's higher head
        await(() -> behind.head().height() == 3, "the poll to find and apply the peer's blocks");
        PeerId peer = honestHost.peerId();
        assertTrue(client.peers().stream().anyMatch(p -> p.peerId().equals(peer)));
    }
}
