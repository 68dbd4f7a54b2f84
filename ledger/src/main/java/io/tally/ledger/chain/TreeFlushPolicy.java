package io.tally.ledger.chain;

/**
 * When and how the chain writes its state tree to the store (docs/storage.md, "Tree flushes"). A
 * flush of the latest tree starts after the first block after which it has at least
 * {@code maxNodes} unflushed nodes below its linked levels (those within them are bounded by the
 * linked depth), or {@code maxBlocks} blocks have passed since the last flush. More of either means
 * fewer nodes written (a node replaced before the flush is never written). The price of
 * {@code maxNodes} is memory, about 200 bytes per node; of {@code maxBlocks}, the length of the
 * rebuild after a crash and the blocks' changed-key records kept until the flush.
 *
 * <p>A flush's nodes are found and written over the batches of the block that starts it and the
 * following ones, at least {@code nodesPerBlock} per block and about {@value #SPREAD_BLOCKS}
 * blocks in all for a large flush, so that no block stalls for the whole flush. On a busy
 * benchmark node a 24,000-node flush took ≈ 60 ms to walk and ≈ 100 ms to write in one batch; in
 * parts of 2,048 nodes each block's commit took ≈ 40 ms instead of ≈ 7.
 */
public record TreeFlushPolicy(int maxNodes, int maxBlocks, int nodesPerBlock) {
    /** Blocks a flush is spread over at most, whatever {@code nodesPerBlock}. */
    public static final int SPREAD_BLOCKS = 256;
    /**
     * About 50 MiB of unflushed nodes at most; a rebuild of at most about 1,000 blocks' changes
     * (plus those of a flush being written); 512 nodes per block (≈ 10 ms on a busy node).
     */
    public static final TreeFlushPolicy DEFAULT = new TreeFlushPolicy(250_000, 1_000, 512);
    /** Every block's tree written with the block: the fewest nodes in memory, the most written. */
    public static final TreeFlushPolicy EVERY_BLOCK = new TreeFlushPolicy(1, 1);

    public TreeFlushPolicy {
        if (maxNodes < 1 || maxBlocks < 1 || nodesPerBlock < 1) {
            throw new IllegalArgumentException("tree flush limits must be positive: " + maxNodes + " nodes, "
                    + maxBlocks + " blocks, " + nodesPerBlock + " nodes per block");
        }
    }

    /** A policy that writes each flush whole, in the batch of the block that starts it. */
    public TreeFlushPolicy(int maxNodes, int maxBlocks) {
        this(maxNodes, maxBlocks, Integer.MAX_VALUE);
    }

    boolean due(int unflushedNodes, long blocksSinceFlush) {
        return unflushedNodes >= maxNodes || blocksSinceFlush >= maxBlocks;
    }

    /** Nodes of a flush of about {@code total} to write per block. */
    int perBlock(int total) {
        return Math.max(nodesPerBlock, (total + SPREAD_BLOCKS - 1) / SPREAD_BLOCKS);
    }
}
