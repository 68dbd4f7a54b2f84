package io.tally.rpc.port;

import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.block.ValidatorSet;
import java.util.Optional;

/** Committed blocks, their certificates, and the chain's fixed facts. */
public interface ChainQuery {
    String chainId();

    Hash genesisHash();

    /** The header of the highest committed block (the genesis block before any commit). */
    BlockHeader head();

    Optional<Block> blockByHeight(long height);

    Optional<Block> blockByHash(Hash hash);

    /** The commit certificate of the block at {@code height}; empty for genesis or unknown heights. */
    Optional<CommitCertificate> certificate(long height);

    ValidatorSet validators();
}
