package io.tally.node.net;

import io.tally.crypto.Hash;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.mempool.Mempool;
import io.tally.mempool.NonceLookup;
import io.tally.mempool.TxSource;
import io.tally.p2p.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transaction gossip. What the mempool admits from clients is published on the chain's tx topic in
 * batches: every gossip message costs its own framing, encryption per peer, message id and
 * seen-cache entry on the single p2p thread (and under StrictSign a signature and a verification
 * per hop). What arrives goes through the same admission as an RPC submission. Transactions still
 * executable and pending after {@value #REGOSSIP_MILLIS} ms are gossiped again, so a copy a busy
 * peer refused ("mempool full") or a peer that was down missed still reaches the primary.
 *
 * <p>Batch format: {@code u8 version(=1) | u16 count | (u32 len | signed transaction)*}.
 */
public final class TxGossip implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("gossip");
    static final int VERSION = 1;
    static final int MAX_BATCH = 512;
    private static final long FLUSH_MILLIS = 5;
    private static final long REGOSSIP_MILLIS = 5_000;
    private static final int OUTBOX_CAPACITY = 50_000;

    private final NetworkComponent network;
    private final Mempool mempool;
    private final NonceLookup nonces;
    private final String topic;
    private final BlockingQueue<Transaction> outbox = new ArrayBlockingQueue<>(OUTBOX_CAPACITY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tx-gossip");
        t.setDaemon(true);
        return t;
    });
    private Set<Hash> pendingAtLastLook = Set.of();

    private TxGossip(NetworkComponent network, Mempool mempool, NonceLookup nonces) {
        this.network = network;
        this.mempool = mempool;
        this.nonces = nonces;
        this.topic = network.txTopic();
    }

    public static TxGossip start(NetworkComponent network, Mempool mempool, String chainId, NonceLookup nonces) {
        TxGossip g = new TxGossip(network, mempool, nonces);
        // A full outbox drops the gossip copy only: the transaction stays in this node's mempool and
        // the re-gossip pass sends it later.
        mempool.addListener((tx, source) -> {
            if (source != TxSource.GOSSIP) {
                g.outbox.offer(tx);
            }
        });
        network.host().subscribe(g.topic, message -> {
            try {
                decode(message.data());
                return Validation.ACCEPT;
            } catch (DecodeException e) {
                return Validation.REJECT;
            }
        }, message -> g.receive(message.data(), chainId));
        g.timer.scheduleWithFixedDelay(g::guardedFlush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        g.timer.scheduleWithFixedDelay(g::guardedRegossip, REGOSSIP_MILLIS, REGOSSIP_MILLIS, TimeUnit.MILLISECONDS);
        return g;
    }

    private void receive(byte[] batch, String chainId) {
        List<byte[]> txs;
        try {
            txs = decode(batch);
        } catch (DecodeException e) {
            return; // the validator already rejected it
        }
        for (byte[] raw : txs) {
            mempool.submit(raw, TxSource.GOSSIP);
        }
    }

    private void guardedFlush() {
        try {
            while (!outbox.isEmpty()) {
                List<Transaction> batch = new ArrayList<>(Math.min(outbox.size(), MAX_BATCH));
                outbox.drainTo(batch, MAX_BATCH);
                publish(batch);
            }
        } catch (RuntimeException e) {
            LOG.warn("tx gossip flush failed: {}", e.toString());
        }
    }

    private void guardedRegossip() {
        try {
            List<Transaction> executable = mempool.reap(4 * MAX_BATCH, 4L << 20, nonces);
            Set<Hash> now = new HashSet<>();
            List<Transaction> stale = new ArrayList<>();
            for (Transaction tx : executable) {
                now.add(tx.hash());
                if (pendingAtLastLook.contains(tx.hash())) {
                    stale.add(tx);
                }
            }
            pendingAtLastLook = now;
            for (int i = 0; i < stale.size(); i += MAX_BATCH) {
                publish(stale.subList(i, Math.min(stale.size(), i + MAX_BATCH)));
            }
            if (!stale.isEmpty()) {
                LOG.debug("re-gossiped {} transactions pending for over {} ms", stale.size(), REGOSSIP_MILLIS);
            }
        } catch (RuntimeException e) {
            LOG.warn("tx re-gossip failed: {}", e.toString());
        }
    }

    private void publish(List<Transaction> batch) {
        if (batch.isEmpty() || network.host().topicPeers(topic).isEmpty()) {
            return; // nobody to tell (a single validator, or peers not subscribed yet: re-gossip covers it)
        }
        network.host().publish(topic, encode(batch)).whenComplete((n, e) -> {
            if (e != null) {
                LOG.debug("gossip publish of {} transactions failed: {}", batch.size(), e.getMessage());
            }
        });
    }

    static byte[] encode(List<Transaction> batch) {
        int size = 3;
        for (Transaction t : batch) {
            size += 4 + t.encodedLength();
        }
        ByteWriter w = new ByteWriter(size).u8(VERSION).u16(batch.size());
        for (Transaction t : batch) {
            w.bytes32(t.encoded());
        }
        return w.toByteArray();
    }

    /** Splits a batch into raw transactions, checking only its framing and limits. */
    static List<byte[]> decode(byte[] batch) throws DecodeException {
        ByteReader r = new ByteReader(batch);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "tx batch version " + version);
        }
        int count = r.u16("count");
        if (count == 0 || count > MAX_BATCH) {
            throw new DecodeException(Reason.OVERSIZE, "tx batch of " + count + " transactions");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(r.bytes32(TransactionCodec.MAX_ENCODED_LENGTH, "transaction"));
        }
        r.finish("tx batch");
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
