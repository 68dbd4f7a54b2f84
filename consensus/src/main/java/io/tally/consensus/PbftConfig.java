package io.tally.consensus;

import io.tally.crypto.SignDomain;

/**
 * Tunables of one replica. All durations are in milliseconds of the time the driver feeds in.
 *
 * @param chainId bound into every signature
 * @param viewTimeoutMillisBase how long a replica waits for progress in view 0 of a height
 * @param viewTimeoutMaxMultiplier the timeout doubles with every failed view of a height but never
 *     exceeds {@code base * maxMultiplier}; it returns to the base after a commit
 * @param retransmitIntervalMillis period of re-sending this replica's own votes for the current
 *     height (they are re-sent, never re-signed) and of checking whether to ask for sync
 * @param heartbeatIntervalMillis 0 = never propose an empty block; otherwise the primary proposes
 *     after this long at a height even without pending transactions
 * @param maxBlockTransactions largest block a pre-prepare may carry
 * @param maxMessageBytes largest encoded message accepted
 * @param futureHeightWindow messages up to this many heights ahead are buffered, further ones dropped
 * @param futureViewWindow messages up to this many views ahead are processed or buffered
 * @param futureBufferPerSender buffered future messages per sender (the buffer holds n times this)
 */
public record PbftConfig(String chainId, long viewTimeoutMillisBase, int viewTimeoutMaxMultiplier,
        long retransmitIntervalMillis, long heartbeatIntervalMillis, int maxBlockTransactions, int maxMessageBytes,
        int futureHeightWindow, int futureViewWindow, int futureBufferPerSender) {

    public PbftConfig {
        SignDomain.checkChainId(chainId);
        if (viewTimeoutMillisBase <= 0 || retransmitIntervalMillis <= 0 || heartbeatIntervalMillis < 0) {
            throw new IllegalArgumentException("timeouts must be positive (heartbeat may be 0 = off)");
        }
        if (viewTimeoutMaxMultiplier < 1 || viewTimeoutMaxMultiplier > 1024) {
            throw new IllegalArgumentException("viewTimeoutMaxMultiplier must be in 1..1024");
        }
        if (maxBlockTransactions < 1 || maxMessageBytes < 1024) {
            throw new IllegalArgumentException("block and message limits are too small");
        }
        if (futureHeightWindow < 1 || futureViewWindow < 1 || futureBufferPerSender < 1) {
            throw new IllegalArgumentException("future windows and buffers must be at least 1");
        }
    }

    /** Defaults for a LAN-ish network: 2 s base view timeout capped at 8x, no heartbeat. */
    public static PbftConfig defaults(String chainId) {
        return new PbftConfig(chainId, 2_000, 8, 1_000, 0, 10_000, 32 * 1024 * 1024, 4, 32, 64);
    }

    public PbftConfig withHeartbeat(long millis) {
        return new PbftConfig(chainId, viewTimeoutMillisBase, viewTimeoutMaxMultiplier, retransmitIntervalMillis,
            millis, maxBlockTransactions, maxMessageBytes, futureHeightWindow, futureViewWindow, futureBufferPerSender);
    }

    public PbftConfig withTimeouts(long base, int maxMultiplier, long retransmit) {
        return new PbftConfig(chainId, base, maxMultiplier, retransmit, heartbeatIntervalMillis, maxBlockTransactions,
            maxMessageBytes, futureHeightWindow, futureViewWindow, futureBufferPerSender);
    }

    /** base * min(2^view, maxMultiplier): grows with consecutive failed views of one height, capped. */
    public long viewTimeoutMillis(long view) {
        long multiplier = view >= 31 ? viewTimeoutMaxMultiplier : Math.min(1L << view, viewTimeoutMaxMultiplier);
        return viewTimeoutMillisBase * multiplier;
    }
}
