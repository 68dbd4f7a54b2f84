package io.tally.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Address;
import io.tally.crypto.Hash;
import io.tally.crypto.KeyPair;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * Single transfers from one funded account, sent to a chosen node; each one seen committed is
 * recorded as acknowledged, so the invariant checker later requires it on every node.
 */
final class Probe {
    private final KeyPair sender;
    private final Address recipient;
    private final Queue<LoadGenerator.Ack> acks;
    private long nonce;

    Probe(KeyPair sender, Address recipient, Queue<LoadGenerator.Ack> acks) {
        this.sender = sender;
        this.recipient = recipient;
        this.acks = acks;
    }

    Hash send(NodeProcess node) {
        Transaction tx = Transaction.sign(sender, Devnet.CHAIN_ID, nonce, new TransferPayload(recipient, 1));
        Hash hash = node.rpc().send(tx);
        nonce++;
        return hash;
    }

    /** Waits until {@code tx} is committed on every node of {@code on}, then records the acknowledgement. */
    void awaitCommitted(Hash tx, List<NodeProcess> on, Duration timeout) {
        JsonNode r = Poll.value(tx + " to be committed on " + on, timeout, () -> {
            JsonNode last = null;
            for (NodeProcess n : on) {
                last = n.rpc().transaction(tx);
                if (!last.path("status").asText().equals("committed")) {
                    return Optional.empty();
                }
            }
            return Optional.of(last);
        });
        acks.add(new LoadGenerator.Ack(tx, r.path("blockHeight").asLong(), r.path("blockHash").asText()));
    }

    /** Waits until {@code more} further acknowledgements (from any source) have been recorded. */
    static void awaitAcks(Queue<LoadGenerator.Ack> acks, int more, Duration timeout) {
        int from = acks.size();
        Poll.until(more + " acknowledged transfers", timeout, () -> acks.size() >= from + more);
    }

    static long maxHead(List<NodeProcess> nodes) {
        return nodes.stream().mapToLong(n -> n.rpc().headHeight()).max().orElseThrow();
    }

    static long minHead(List<NodeProcess> nodes) {
        return nodes.stream().mapToLong(n -> n.rpc().headHeight()).min().orElseThrow();
    }
}
