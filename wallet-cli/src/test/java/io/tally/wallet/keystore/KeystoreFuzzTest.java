package io.tally.wallet.keystore;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the keystore reader (a keystore file may come from anywhere): any bytes end
 * in a parsed keystore or a {@link KeystoreException}, nothing else. Runs the seed corpus in the
 * normal test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class KeystoreFuzzTest {
    @FuzzTest(maxDuration = "45s")
    void keystoreReader(byte[] input) {
        try {
            Eip2335Keystore ks = KeystoreJson.parse(input);
            if (cheap(ks.kdf())) {
                KeystoreDir.unlock(ks, "correct horse".toCharArray());
            }
            KeystoreJson.parse(KeystoreJson.write(ks)); // what we read, we can write and read back
        } catch (KeystoreException expected) {
            // the declared error
        }
    }

    private static boolean cheap(Kdf kdf) {
        if (kdf instanceof Kdf.Scrypt s) {
            return (long) s.n() * s.r() * s.p() <= 1 << 14;
        }
        return ((Kdf.Pbkdf2) kdf).c() <= 1 << 12;
    }
}
