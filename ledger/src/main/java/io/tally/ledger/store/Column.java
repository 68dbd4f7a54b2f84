package io.tally.ledger.store;

/**
 * A typed column: every key on disk is {@code prefix || key}, so one LevelDB holds all columns and
 * one write batch can span them. Prefixes are part of the on-disk format: never renumber one,
 * only add new ones (and bump {@link StoreSchema#VERSION} if the meaning of an old one changes).
 */
public enum Column {
    /** Schema version, genesis hash, head pointer: small named keys. */
    META((byte) 0x00),
    /** u64 height (big-endian) → canonical block bytes. */
    BLOCK_BY_HEIGHT((byte) 0x01),
    /** u64 height → canonical commit-certificate bytes. */
    CERT_BY_HEIGHT((byte) 0x02),
    /** 32-byte block hash → u64 height. */
    HEIGHT_BY_HASH((byte) 0x03),
    /** 32-byte transaction hash → u64 height || u32 index in block. */
    TX_LOCATION((byte) 0x04),
    /** u64 height || u32 index → canonical receipt bytes. */
    RECEIPT((byte) 0x05),
    /** u64 height → 32-byte state root after that block. */
    STATE_ROOT((byte) 0x07),
    /** State key → current value: the flat latest state, read by execution without tree walks. */
    STATE((byte) 0x08),
    /** u64 height || 32-byte validator public key || SHA-256(evidence) → opaque evidence bytes. */
    EVIDENCE((byte) 0x09),
    /** u64 height || u64 sequence → a consensus replica's persisted vote record (the node's vote log). */
    CONSENSUS_LOG((byte) 0x0A),
    /**
     * u64 version (block height) || 32-byte node hash → sparse-Merkle-tree node bytes (schema 2;
     * prefix 0x06 held schema 1's hash-keyed nodes and is retired). The highest prefix on purpose:
     * the bulk of each block's writes then lands after every existing key, so LevelDB moves those
     * files down its levels without merging them with older ones.
     */
    SMT_NODE((byte) 0x0B),
    /**
     * u64 height → the state keys that block changed, for the blocks since the last tree flush
     * (schema 3): after a crash the chain rebuilds the tree from the flushed one with them; a flush
     * deletes them.
     */
    STATE_CHANGES((byte) 0x0C);

    private final byte prefix;

    Column(byte prefix) {
        this.prefix = prefix;
    }

    public byte prefix() {
        return prefix;
    }
}
