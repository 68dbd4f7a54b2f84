/**
 * The narrow read and submit ports the RPC layer needs from the node. The node module implements
 * them over the ledger's chain store, the mempool, p2p and consensus status; the RPC never touches
 * consensus internals. Implementations must be thread-safe: request threads call them concurrently.
 * Javalin-free.
 */
package io.tally.rpc.port;
