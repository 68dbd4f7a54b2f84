/**
 * EIP-2335 (version 4) keystores: strict JSON reading with capped KDF costs, scrypt/PBKDF2,
 * AES-128-CTR, SHA-256 checksum, and a directory of owner-only key files. Depends on crypto and
 * Bouncy Castle only. Values are immutable; {@link io.tally.wallet.keystore.KeystoreDir} is not
 * meant for concurrent writers (files are created with CREATE_NEW, so a race loses cleanly).
 */
package io.tally.wallet.keystore;
