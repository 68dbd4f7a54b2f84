package io.tally.ledger.chain;

import io.tally.crypto.PublicKey;

/** Opaque equivocation evidence against a validator at a height, as the node stored it. */
public record Evidence(long height, PublicKey validator, byte[] bytes) {}
