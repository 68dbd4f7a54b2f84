package io.tally.wallet.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property: a valid keystore file with any single edit (a byte replaced, removed or a chunk
 * truncated) is either refused with a {@link KeystoreException} or still opens to the exact
 * original key; it never opens to a different key and never throws anything else.
 */
class KeystoreMutationTest {
    private static final byte[] VALID = KeystoreJson.write(Eip2335KeystoreTest.cheap());
    private static final byte[] SEED = io.tally.crypto.Bytes.fromHex(Eip2335KeystoreTest.VECTOR_SECRET);

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, Integer, Byte>> edits() {
        return Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(0, VALID.length - 1)
            .flatMap(pos -> Arbitraries.bytes().map(b -> Tuple.of(kind, pos, b))));
    }

    @Property(tries = 400)
    void anyEditIsRefusedOrHarmless(@ForAll("edits") Tuple.Tuple3<Integer, Integer, Byte> edit) {
        byte[] m = mutate(edit.get1(), edit.get2(), edit.get3());
        try {
            Eip2335Keystore ks = KeystoreJson.parse(m);
            if (ks.kdf() instanceof Kdf.Pbkdf2 p && p.c() > 1 << 12) {
                return; // a legal but slow parameter; parsing it was the point
            }
            if (ks.kdf() instanceof Kdf.Scrypt) {
                return; // the mutation cannot turn "pbkdf2" into a valid scrypt module with all its params
            }
            assertArrayEquals(SEED, KeystoreDir.unlock(ks, Eip2335KeystoreTest.PASSWORD).seed(),
                "an edited keystore opened to a different key: " + new String(m, StandardCharsets.UTF_8));
        } catch (KeystoreException refused) {
            // fine: clear refusal
        }
    }

    private static byte[] mutate(int kind, int pos, byte b) {
        switch (kind) {
            case 0: {
                byte[] m = VALID.clone();
                m[pos] = b;
                return m;
            }
            case 1: {
                byte[] m = new byte[VALID.length - 1];
                System.arraycopy(VALID, 0, m, 0, pos);
                System.arraycopy(VALID, pos + 1, m, pos, VALID.length - pos - 1);
                return m;
            }
            default:
                return java.util.Arrays.copyOf(VALID, pos);
        }
    }
}
