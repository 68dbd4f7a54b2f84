package io.tally.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Steady load over JSON-RPC: one thread per sender account, each with exactly one signed transfer
 * in flight. A transfer is sent to a running validator, and polled until a node reports it
 * committed — that answer is the <em>acknowledgement</em> recorded in {@link #acks()}, which the
 * invariant checker later requires on every node (I3). When the node it went to dies, or it does
 * not commit within a few seconds, the same signed bytes are resent to another node (a client's
 * retry; resending is idempotent). Nonces are kept across {@link #start()}/{@link #stop()} so the
 * generator can be paused and resumed around faults.
 */
final class LoadGenerator {
    /** A transaction a node reported committed, where it reported it. */
    record Ack(Hash hash, long height, String blockHash) {}

    private static final Duration RESEND_AFTER = Duration.ofSeconds(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<List<NodeProcess>> targets;
    private final String chainId;
    private final List<Sender> senders = new ArrayList<>();
    private final List<Address> recipients;
    private final ConcurrentLinkedQueue<Ack> acks;
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** Per sender: its key, next nonce and the transaction not yet acknowledged (kept across stops). */
    private static final class Sender {
        final KeyPair key;
        long nonce;
        Transaction inFlight;

        Sender(KeyPair key) {
            this.key = key;
        }
    }

    LoadGenerator(Supplier<List<NodeProcess>> targets, String chainId, List<KeyPair> senderKeys,
            List<Address> recipients, ConcurrentLinkedQueue<Ack> acks) {
        this.targets = targets;
        this.chainId = chainId;
        senderKeys.forEach(k -> senders.add(new Sender(k)));
        this.recipients = List.copyOf(recipients);
        this.acks = acks;
    }

    ConcurrentLinkedQueue<Ack> acks() {
        return acks;
    }

    /** Transactions that were committed but failed execution (never expected here). */
    int failures() {
        return failures.get();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        threads.clear();
        for (int i = 0; i < senders.size(); i++) {
            Sender s = senders.get(i);
            Thread t = new Thread(() -> loop(s), "load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops sending; each thread finishes its current wait (bounded) and exits. */
    synchronized void stop() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop");
            }
        }
        threads.clear();
    }

    private void loop(Sender s) {
        while (running) {
            try {
                if (s.inFlight == null) {
                    Address to = recipients.get(ThreadLocalRandom.current().nextInt(recipients.size()));
                    long amount = 1 + ThreadLocalRandom.current().nextInt(100);
                    s.inFlight = Transaction.sign(s.key, chainId, s.nonce, new TransferPayload(to, amount));
                }
                Optional<Ack> ack = deliver(s.inFlight);
                if (ack.isPresent()) {
                    acks.add(ack.get());
                    s.nonce++;
                    s.inFlight = null;
                }
            } catch (RuntimeException e) {
                // every node down or refusing: try again after a pause, while running
                Poll.pause();
            }
        }
    }

    /**
     * Sends {@code tx} to a random running node and polls until a node reports it committed; after
     * {@link #RESEND_AFTER} resends it elsewhere. Empty when stopped first.
     */
    private Optional<Ack> deliver(Transaction tx) {
        while (running) {
            submit(tx);
            long resendAt = System.nanoTime() + RESEND_AFTER.toNanos();
            while (running && System.nanoTime() - resendAt < 0) {
                Optional<Ack> ack = committed(tx);
                if (ack.isPresent()) {
                    return ack;
                }
                Poll.pause();
            }
        }
        return Optional.empty();
    }

    private void submit(Transaction tx) {
        List<NodeProcess> nodes = targets.get();
        if (nodes.isEmpty()) {
            return;
        }
        NodeProcess n = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
        try {
            n.rpc().send(tx);
        } catch (RpcClient.RpcError e) {
            // -32007 already known / -32003 nonce used (committed already) / -32005 full: the
            // status poll decides; anything else is a bug in this generator
            if (e.code() != -32007 && e.code() != -32003 && e.code() != -32005) {
                throw new IllegalStateException("node " + n.name() + " refused a valid transfer: " + e.getMessage(), e);
            }
        } catch (RuntimeException e) {
            // node down: the next resend picks another
        }
    }

    private Optional<Ack> committed(Transaction tx) {
        for (NodeProcess n : targets.get()) {
            try {
                JsonNode r = n.rpc().transaction(tx.hash());
                String status = r.path("status").asText();
                if (status.equals("failed")) {
                    failures.incrementAndGet();
                }
                if (status.equals("committed") || status.equals("failed")) {
                    return Optional.of(new Ack(tx.hash(), r.path("blockHeight").asLong(), r.path("blockHash").asText()));
                }
                // pending or unknown here: this node may lag behind; ask the next
            } catch (RuntimeException e) {
                // this node is down; ask the next
            }
        }
        return Optional.empty();
    }
}
