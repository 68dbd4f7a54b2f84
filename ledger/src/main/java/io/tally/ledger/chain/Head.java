package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.block.BlockHeader;

/** The latest committed block. */
public record Head(long height, Hash hash, BlockHeader header) {}
