package io.tally.genesis;

import io.tally.crypto.PublicKey;
import java.util.Objects;

/**
 * One validator in the genesis file. Its position in {@link Genesis#validators()} is its replica
 * id and fixes the primary rotation.
 *
 * @param name a human-readable label (logs, metrics); 1..64 of {@code [A-Za-z0-9._-]}
 * @param publicKey the Ed25519 key it signs consensus messages with; also its p2p identity
 * @param p2pAddress where the other validators dial it at genesis
 */
public record GenesisValidator(String name, PublicKey publicKey, P2pAddress p2pAddress) {
    public GenesisValidator {
        Names.check(name, "validator name");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(p2pAddress, "p2pAddress");
    }
}
