package io.tally.ledger.chain;

/**
 * When the chain writes its state tree to the store (docs/storage.md, "Tree flushes"): in the batch of
 * the first block after which at least {@code maxNodes} tree nodes are unflushed, or {@code maxBlocks}
 * blocks have passed since the last flush. More nodes between flushes means fewer nodes written (a
 * node replaced before the flush is never written) but more memory: about 200 bytes per node, twice
 * over (the generation before the last flush is kept for readers). More blocks means a longer
 * rebuild after a crash.
 */
public record TreeFlushPolicy(int maxNodes, int maxBlocks) {
    /** About 50 MiB of unflushed nodes at most per generation; a rebuild of at most 1,000 blocks' changes. */
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
