/**
 * Keys, signatures, hashes and addresses. Depends only on Bouncy Castle (Ed25519) and the JDK
 * (SHA-256). Every class is immutable and thread-safe. Signatures are always domain-separated
 * ({@link io.tally.crypto.SignDomain}); raw signing exists only for test vectors and libp2p.
 */
package io.tally.crypto;
