package io.tally.mempool;

import io.tally.crypto.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hashes of transactions whose signature this node has already verified, so each transaction is
 * verified once per node: on admission from RPC or gossip, and again when it arrives inside a
 * proposed block. The transaction hash covers the signature, so a hit means these exact bytes
 * verified. Bounded; the least recently used entry is evicted. Thread-safe.
 */
public final class SignatureCache {
    private final Map<Hash, Boolean> verified;

    public SignatureCache(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.verified = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean isVerified(Hash txHash) {
        return verified.get(txHash) != null;
    }

    public synchronized void markVerified(Hash txHash) {
        verified.put(txHash, Boolean.TRUE);
    }

    public synchronized int size() {
        return verified.size();
    }
}
