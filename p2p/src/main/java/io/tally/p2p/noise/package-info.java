/**
 * Noise_XX_25519_ChaChaPoly_SHA256 (pure state machine, checked against the cacophony vector) and
 * the libp2p handshake payload that binds a Noise static key to a libp2p identity. No I/O.
 */
package io.tally.p2p.noise;
