package io.tally.mempool;

/** Why the pool refused a transaction. Each maps to one documented JSON-RPC application error. */
public enum RejectCode {
    /** Larger than the largest valid encoding, or not decodable under the strict codec. */
    INVALID_ENCODING,
    /** Signed for another chain. */
    WRONG_CHAIN,
    /** Below the account's committed nonce: it can never be executed. */
    NONCE_TOO_LOW,
    /** Too far above the account's committed nonce (beyond the nonce window). */
    NONCE_GAP,
    /** Another pending transaction of the sender already has this nonce. */
    NONCE_TAKEN,
    /** The Ed25519 signature does not verify. */
    INVALID_SIGNATURE,
    /** A global or per-account count or byte limit is reached. */
    MEMPOOL_FULL,
    /** The pool is shutting down or its verifier queue is saturated. */
    UNAVAILABLE
}
