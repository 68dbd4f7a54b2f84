package io.tally.genesis;

/**
 * Consensus parameters fixed at genesis. Block limits are validity rules every replica must agree
 * on; the timing values are defaults a node may override locally (see {@link NodeConfig}).
 *
 * @param maxBlockTransactions most transactions in one block
 * @param maxBlockBytes most bytes of encoded transactions in one block
 * @param viewTimeoutMillisBase view-change timeout of the first view at a height; it doubles per
 *     failed view
 * @param viewTimeoutMaxMultiplier cap on that doubling: the timeout never exceeds base times this
 * @param heartbeatMillis how long the primary waits with no transactions before proposing an
 *     empty block; 0 means never propose empty blocks
 */
public record ConsensusParams(int maxBlockTransactions, int maxBlockBytes, long viewTimeoutMillisBase,
        int viewTimeoutMaxMultiplier, long heartbeatMillis) {
    public static final int MAX_BLOCK_TRANSACTIONS = 100_000;
    public static final int MIN_BLOCK_BYTES = 1024;
    public static final int MAX_BLOCK_BYTES = 64 * 1024 * 1024;
    public static final long MIN_VIEW_TIMEOUT_MILLIS = 50;
    public static final long MAX_VIEW_TIMEOUT_MILLIS = 600_000;
    public static final int MAX_VIEW_TIMEOUT_MULTIPLIER = 1024;
    public static final long MAX_HEARTBEAT_MILLIS = 86_400_000;

    public static final ConsensusParams DEFAULTS = new ConsensusParams(2_000, 4 * 1024 * 1024, 2_000, 8, 0);

    public ConsensusParams {
        check(maxBlockTransactions, 1, MAX_BLOCK_TRANSACTIONS, "maxBlockTransactions");
        check(maxBlockBytes, MIN_BLOCK_BYTES, MAX_BLOCK_BYTES, "maxBlockBytes");
        check(viewTimeoutMillisBase, MIN_VIEW_TIMEOUT_MILLIS, MAX_VIEW_TIMEOUT_MILLIS, "viewTimeoutMillisBase");
        check(viewTimeoutMaxMultiplier, 1, MAX_VIEW_TIMEOUT_MULTIPLIER, "viewTimeoutMaxMultiplier");
        check(heartbeatMillis, 0, MAX_HEARTBEAT_MILLIS, "heartbeatMillis");
    }

    /** The longest view timeout: base times the multiplier cap. */
    public long maxViewTimeoutMillis() {
        return viewTimeoutMillisBase * viewTimeoutMaxMultiplier;
    }

    private static void check(long v, long min, long max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
        }
    }
}
