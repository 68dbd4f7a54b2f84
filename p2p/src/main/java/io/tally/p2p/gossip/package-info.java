/**
 * Gossipsub v1.1 ({@code /meshsub/1.1.0}): RPC codec, StrictSign, message and seen caches, and the
 * router. The router is single-threaded: it runs on the host's event loop.
 */
package io.tally.p2p.gossip;
