package io.tally.wallet.keystore;

import io.tally.crypto.Address;
import io.tally.crypto.PublicKey;
import java.nio.file.Path;

/** A key in the keystore directory, known without its password: name, public key, address, file. */
public record StoredKey(String name, PublicKey publicKey, Path file, Eip2335Keystore keystore) {
    public Address address() {
        return publicKey.address();
    }
}
