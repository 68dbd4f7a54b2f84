package io.tally.mempool;

import io.tally.crypto.SignDomain;

/**
 * Pool limits. Every limit is a hard cap: a transaction that would exceed one is rejected with
 * {@link RejectCode#MEMPOOL_FULL}; the pool never grows past them.
 *
 * @param chainId the only chain id admitted
 * @param maxTransactions global count limit
 * @param maxBytes global limit on the sum of encoded sizes
 * @param maxPerAccount count limit per sender
 * @param maxBytesPerAccount byte limit per sender
 * @param nonceWindow how far above the committed nonce a transaction may be (future nonces are held
 *     until the gap fills); beyond it {@link RejectCode#NONCE_GAP}
 * @param maxAgeBlocks a transaction still pending after this many commits is evicted as stale (it
 *     is usually stuck behind a nonce gap that is never filled)
 * @param verifierThreads signature worker threads (usually the core count)
 * @param verifierQueue bound of the verifier's task queue; beyond it {@link RejectCode#UNAVAILABLE}
 * @param signatureCacheSize how many verified transaction hashes to remember
 */
public record MempoolConfig(String chainId, int maxTransactions, long maxBytes, int maxPerAccount,
        long maxBytesPerAccount, int nonceWindow, long maxAgeBlocks, int verifierThreads, int verifierQueue,
        int signatureCacheSize) {

    public MempoolConfig {
        SignDomain.checkChainId(chainId);
        positive(maxTransactions, "maxTransactions");
        positive(maxBytes, "maxBytes");
        positive(maxPerAccount, "maxPerAccount");
        positive(maxBytesPerAccount, "maxBytesPerAccount");
        positive(nonceWindow, "nonceWindow");
        positive(maxAgeBlocks, "maxAgeBlocks");
        positive(verifierThreads, "verifierThreads");
        positive(verifierQueue, "verifierQueue");
        positive(signatureCacheSize, "signatureCacheSize");
    }

    /** Defaults sized for a small permissioned network on modest hardware. */
    public static MempoolConfig defaults(String chainId) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new MempoolConfig(chainId, 20_000, 32L << 20, 256, 1L << 20, 64, 600, cores, 50_000, 100_000);
    }

    public MempoolConfig withLimits(int maxTransactions, long maxBytes, int maxPerAccount, long maxBytesPerAccount) {
        return new MempoolConfig(chainId, maxTransactions, maxBytes, maxPerAccount, maxBytesPerAccount, nonceWindow,
            maxAgeBlocks, verifierThreads, verifierQueue, signatureCacheSize);
    }

    public MempoolConfig withMaxAgeBlocks(long blocks) {
        return new MempoolConfig(chainId, maxTransactions, maxBytes, maxPerAccount, maxBytesPerAccount, nonceWindow,
            blocks, verifierThreads, verifierQueue, signatureCacheSize);
    }

    private static void positive(long v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
