/**
 * libp2p identities: the public-key protobuf, Ed25519/secp256k1/RSA signature verification,
 * base58btc/base32, and this host's own Ed25519 key. Pure; depends on Bouncy Castle and io.tally.crypto.
 */
package io.tally.p2p.identity;
