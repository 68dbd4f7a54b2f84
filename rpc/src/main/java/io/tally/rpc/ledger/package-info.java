/**
 * The RPC read ports implemented over the ledger's {@link io.tally.ledger.chain.ChainStore}: chain,
 * transactions, state with proofs, and evidence. The node wires these (plus its own node, consensus
 * and mempool ports); tests use them on a temporary LevelDB. Thread-safe as the chain store is.
 */
package io.tally.rpc.ledger;
