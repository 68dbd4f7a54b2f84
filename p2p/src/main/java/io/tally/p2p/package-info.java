/**
 * Public facade of the p2p module: {@link io.tally.p2p.P2pHost} (start/stop, dial, publish/subscribe,
 * request/response, peer events), its configuration ({@link io.tally.p2p.P2pConfig},
 * {@link io.tally.p2p.Limits}, {@link io.tally.p2p.GossipConfig}) and value types
 * ({@link io.tally.p2p.PeerId}, {@link io.tally.p2p.Multiaddr}). Depends on the sub-packages and
 * io.tally.crypto; nothing outside this module should import the sub-packages. Thread-safe.
 */
package io.tally.p2p;
