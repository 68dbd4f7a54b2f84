package io.tally.loadgen;

import io.tally.crypto.KeyPair;
import io.tally.crypto.Sha256;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Deterministic benchmark accounts: key {@code i} is {@code KeyPair.fromSeed(sha256(i))}, so a
 * genesis and the transactions signed for it can be rebuilt from the count alone.
 */
final class Accounts {
    private Accounts() {}

    static KeyPair key(int i) {
        byte[] seed = Sha256.hash(ByteBuffer.allocate(Long.BYTES).putLong(i).array()).bytes();
        return KeyPair.fromSeed(seed);
    }

    /** Keys 0..count-1, derived in parallel (each costs one scalar multiplication). */
    static List<KeyPair> keys(int count) {
        return IntStream.range(0, count).parallel().mapToObj(Accounts::key).toList();
    }
}
