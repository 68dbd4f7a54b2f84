package io.tally.rpc.server;

import io.tally.crypto.Hash;
import java.util.Set;

/**
 * A subscription's state, touched only on the hub thread after creation: the next block height to
 * deliver (the resume point) and, for transaction status, the hashes watched.
 */
final class Subscription {
    enum Topic {
        NEW_BLOCKS,
        TX_STATUS
    }

    final String id;
    final WsClient client;
    final Topic topic;
    final boolean fullTransactions;
    final Set<Hash> hashes;
    long nextHeight;
    boolean ended;

    Subscription(String id, WsClient client, Topic topic, boolean fullTransactions, Set<Hash> hashes, long fromHeight) {
        this.id = id;
        this.client = client;
        this.topic = topic;
        this.fullTransactions = fullTransactions;
        this.hashes = Set.copyOf(hashes);
        this.nextHeight = fromHeight;
    }
}
