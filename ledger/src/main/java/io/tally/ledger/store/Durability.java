package io.tally.ledger.store;

/** How far a committed batch must have travelled before {@link WriteBatch#commit} returns. */
public enum Durability {
    /** The write is in the operating system's buffers: survives a process crash, not a power loss. */
    BUFFERED,
    /** The log was fsync'ed: survives a power loss. Every block commit uses this. */
    SYNCED
}
