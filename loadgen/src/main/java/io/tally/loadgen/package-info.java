/**
 * The Tally load generator and system benchmark: funded benchmark accounts in a genesis, transfers
 * signed before the measured window, JSON-RPC batch submission at a fixed rate (open loop) or as
 * fast as the network accepts (closed loop), commit tracking over the {@code newBlocks}
 * WebSocket subscription, node CPU/RSS from {@code /proc}, and the signature-verification ceiling.
 */
package io.tally.loadgen;
