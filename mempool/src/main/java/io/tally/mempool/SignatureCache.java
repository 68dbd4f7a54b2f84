package io.tally.mempool;

import io.tally.crypto.Hash;
import io.tally.ledger.state.GenerationalCache;

/**
 * Hashes of transactions whose signature this node has already verified, so each transaction is
 * verified once per node: on admission from RPC or gossip, and again when it arrives inside a
 * proposed block. The transaction hash covers the signature, so a hit means these exact bytes
 * verified. Bounded (two generations: recently used entries survive, the oldest go). Thread-safe.
 */
public final class SignatureCache {
    private final GenerationalCache<Hash, Boolean> verified;

    public SignatureCache(int capacity) {
        this.verified = new GenerationalCache<>(capacity);
    }

    public boolean isVerified(Hash txHash) {
        return verified.get(txHash) != null;
    }

    public void markVerified(Hash txHash) {
        verified.put(txHash, Boolean.TRUE);
    }

    public int size() {
        return verified.size();
    }
}
