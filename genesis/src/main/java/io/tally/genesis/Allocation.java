package io.tally.genesis;

import io.tally.crypto.Address;
import java.util.Objects;

/** An initial balance: {@code balance} units credited to {@code address} at height 0. */
public record Allocation(Address address, long balance) {
    public Allocation {
        Objects.requireNonNull(address, "address");
        if (balance <= 0) {
            throw new IllegalArgumentException("balance must be positive, got " + balance);
        }
    }
}
