package io.tally.wallet.verify;

import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.block.ValidatorSet;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the user trusts without asking any node: the chain id and its validator set, read from a
 * genesis file or validator-set file the user obtained out of band. From a full genesis file the
 * wallet can also compute block 0 itself, which makes reads at height 0 verifiable.
 *
 * @param genesisHeader computes block 0's header (lazily: it builds the genesis state tree), or
 *     null when the file was a bare validator set
 */
public record TrustAnchor(String chainId, ValidatorSet validators, String source, Supplier<BlockHeader> genesisHeader) {
    public TrustAnchor {
        io.tally.crypto.SignDomain.checkChainId(chainId);
        Objects.requireNonNull(validators, "validators");
    }

    public Optional<BlockHeader> genesis() {
        return genesisHeader == null ? Optional.empty() : Optional.of(genesisHeader.get());
    }
}
