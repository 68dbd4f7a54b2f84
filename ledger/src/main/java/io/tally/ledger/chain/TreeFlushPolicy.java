package io.tally.ledger.chain;

/**
 * When the chain writes its state tree to the store (docs/storage.md, "Tree flushes"): in the batch of
 * the first block after which the latest tree has at least {@code maxNodes} unflushed nodes below
 * its linked levels (those within them are bounded by the linked depth), or {@code maxBlocks} blocks
 * have passed since the last flush. More of either means fewer nodes written (a node replaced before
 * the flush is never written). The price of {@code maxNodes} is memory, about 200 bytes per node; of
 * {@code maxBlocks}, the length of the rebuild after a crash and the blocks' changed-key records
 * kept until the flush.
 */
public record TreeFlushPolicy(int maxNodes, int maxBlocks) {
    /** About 50 MiB of unflushed nodes at most; a rebuild of at most 1,000 blocks' changes. */
    public static final TreeFlushPolicy DEFAULT = new TreeFlushPolicy(250_000, 1_000);
    /** Every block's tree written with the block: the fewest nodes in memory, the most written. */
    public static final TreeFlushPolicy EVERY_BLOCK = new TreeFlushPolicy(1, 1);

    public TreeFlushPolicy {
        if (maxNodes < 1 || maxBlocks < 1) {
            throw new IllegalArgumentException("tree flush limits must be positive: " + maxNodes + " nodes, "
                    + maxBlocks + " blocks");
        }
    }

    boolean due(int unflushedNodes, long blocksSinceFlush) {
        return unflushedNodes >= maxNodes || blocksSinceFlush >= maxBlocks;
    }
}
