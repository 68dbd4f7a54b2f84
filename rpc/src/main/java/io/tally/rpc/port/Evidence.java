package io.tally.rpc.port;

import io.tally.crypto.PublicKey;
import java.util.Objects;

/**
 * Recorded validator misbehaviour. {@code kind} names it (e.g. {@code EQUIVOCATION});
 * {@code validatorIndex} is -1 if the key is not in the current set; {@code data} is the evidence's
 * canonical encoding so anyone can re-verify the conflicting signatures.
 */
public record Evidence(long height, String kind, int validatorIndex, PublicKey validator, byte[] data) {
    public Evidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validator, "validator");
        data = Objects.requireNonNull(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
