package io.tally.mempool;

/** Where a transaction came from; gossip uses it to avoid echoing a transaction back. */
public enum TxSource {
    /** A client through the JSON-RPC API. */
    RPC,
    /** A peer through transaction gossip. */
    GOSSIP,
    /** This node itself (tests, tools). */
    LOCAL
}
