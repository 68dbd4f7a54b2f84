package io.tally.node.sync;

import io.tally.ledger.block.InvalidCertificateException;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.exec.InvalidBlockException;
import io.tally.ledger.exec.SignatureCheck;
import io.tally.node.ledger.BlockSignatures;
import io.tally.node.ledger.CommitPipeline;
import io.tally.p2p.P2pHost;
import io.tally.p2p.PeerId;
import io.tally.p2p.PeerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up: fetches committed blocks from peers, checks each one's certificate against the genesis
 * validator set and its place in the hash chain, executes it and commits it through the
 * {@link CommitPipeline}. It runs when consensus asks (a certificate or votes for a higher
 * height were seen) and also polls peers' heads periodically, so a node that was down while the
 * network went idle still catches up. A peer that serves a block that fails any check is
 * shunned for a while and the sync continues from the others.
 */
public final class BlockSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("sync");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 2_000;
    private static final long SHUN_MILLIS = 60_000;

    private final ChainStore chain;
    private final CommitPipeline pipeline;
    private final BlockSignatures signatures;
    private final P2pHost host;
    private final String protocol;
    private final int maxBlockTransactions;
    private final LongConsumer onAdvanced;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Map<PeerId, Long> shunnedUntil = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean syncing;
    private volatile long targetHeight;
    private volatile long bestKnownHeight;
    private int nextPeer;

    public BlockSync(CommitPipeline pipeline, BlockSignatures signatures, P2pHost host, String protocol,
            int maxBlockTransactions, LongConsumer onAdvanced) {
        this.chain = pipeline.chain();
        this.pipeline = pipeline;
        this.signatures = signatures;
        this.host = host;
        this.protocol = protocol;
        this.maxBlockTransactions = maxBlockTransactions;
        this.onAdvanced = onAdvanced;
        this.thread = new Thread(this::loop, "block-sync");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for a sync up to at least {@code height}; returns at once. */
    public void requestSync(long height) {
        lock.lock();
        try {
            targetHeight = Math.max(targetHeight, height);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True while the node knows it is behind and is fetching blocks. */
    public boolean syncing() {
        return syncing;
    }

    /** The highest head height a peer has reported. */
    public long bestKnownHeight() {
        return Math.max(bestKnownHeight, chain.head().height());
    }

    private void loop() {
        while (running) {
            try {
                round();
                lock.lock();
                try {
                    if (running && targetHeight <= chain.head().height()) {
                        wake.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("block sync round failed; retrying", e);
            }
        }
    }

    /** Asks peers, one at a time, for blocks above the head until none has more. */
    private void round() throws InterruptedException {
        List<PeerId> peers = candidates();
        int failuresInARow = 0;
        while (running && !peers.isEmpty() && failuresInARow < peers.size()) {
            PeerId peer = peers.get(Math.floorMod(nextPeer++, peers.size()));
            long from = chain.head().height() + 1;
            SyncCodec.Response response;
            try {
                byte[] raw = host.request(peer, protocol, SyncCodec.encode(new SyncCodec.Request(from,
                    SyncCodec.MAX_BLOCKS_PER_RESPONSE)), REQUEST_TIMEOUT).get(REQUEST_TIMEOUT.toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
                response = SyncCodec.decodeResponse(raw, maxBlockTransactions);
            } catch (DecodeException e) {
                shun(peer, "malformed sync response: " + e.getMessage());
                failuresInARow++;
                continue;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                failuresInARow++;
                continue;
            }
            bestKnownHeight = Math.max(bestKnownHeight, response.headHeight());
            if (response.entries().isEmpty()) {
                failuresInARow++;
                if (response.headHeight() >= from) {
                    continue;
                }
                syncing = false;
                if (targetHeight <= chain.head().height()) {
                    return;
                }
                continue;
            }
            syncing = true;
            if (apply(peer, response)) {
                failuresInARow = 0;
            } else {
                failuresInARow++;
            }
        }
        syncing = false;
    }

    private boolean apply(PeerId peer, SyncCodec.Response response) {
        long applied = 0;
        for (SyncCodec.Entry e : response.entries()) {
            long expected = chain.head().height() + 1;
            if (e.block().height() < expected) {
                continue;
            }
            if (e.block().height() != expected) {
                shun(peer, "served height " + e.block().height() + " when " + expected + " was asked");
                return applied > 0;
            }
            try {
                e.certificate().verifyFor(chain.chainId(), chain.validators(), e.block().height(), e.block().hash());
                signatures.verify(e.block());
                pipeline.commit(e.block(), e.certificate(), SignatureCheck.ALREADY_VERIFIED);
                applied++;
            } catch (InvalidCertificateException | InvalidBlockException ex) {
                shun(peer, "served an invalid block " + e.block().height() + ": " + ex.getMessage());
                return applied > 0;
            } catch (IllegalArgumentException ex) {
                // the head moved under us (consensus committed it): ask again from the new head
                return applied > 0;
            }
        }
        if (applied > 0) {
            LOG.info("synced to height {} from {} (peer head {})", chain.head().height(), peer, response.headHeight());
            onAdvanced.accept(chain.head().height());
        }
        return applied > 0;
    }

    private synchronized void shun(PeerId peer, String why) {
        LOG.warn("dropping sync peer {}: {}", peer, why);
        shunnedUntil.put(peer, System.currentTimeMillis() + SHUN_MILLIS);
    }

    private synchronized List<PeerId> candidates() {
        long now = System.currentTimeMillis();
        shunnedUntil.values().removeIf(until -> until < now);
        List<PeerId> out = new ArrayList<>();
        for (PeerInfo p : host.peers()) {
            if (!shunnedUntil.containsKey(p.peerId())) {
                out.add(p.peerId());
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
