package io.tally.ledger.tx;

import io.tally.crypto.Address;
import java.util.Objects;

/** Moves {@code amount} (a positive integer number of base units) to {@code to}. */
public record TransferPayload(Address to, long amount) implements Payload {
    public TransferPayload {
        Objects.requireNonNull(to, "to");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be a positive integer, got " + amount);
        }
    }

    @Override
    public TxType type() {
        return TxType.TRANSFER;
    }
}
