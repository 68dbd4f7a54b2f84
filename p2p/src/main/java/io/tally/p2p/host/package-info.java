/**
 * The Netty host: TCP transport, the per-connection upgrade (multistream, Noise, yamux), allowlist
 * admission, connection registry with simultaneous-dial resolution, reconnection with backoff, and
 * the protocol wiring. One event-loop thread owns all of it.
 */
package io.tally.p2p.host;
