package io.tally.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    })
    void bip173ValidChecksums(String s) {
        Bech32.decodeValues(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8", "1qzzfhee",
        "a12UEL5L"})
    void bip173InvalidStrings(String s) {
        assertThrows(IllegalArgumentException.class, () -> Bech32.decodeValues(s));
    }

    @Test
    void addressRoundTripsThroughText() {
        Address a = KeyPair.fromSeed(new byte[32]).address();
        String text = a.toString();
        assertTrue(text.startsWith("tly1"), text);
        assertEquals(a, Address.parse(text));
        assertEquals(a, Address.parse(text.toUpperCase()));
    }

    @Property(tries = 300)
    void anySingleCharacterTypoIsRejected(@ForAll @Size(32) byte[] seed, @ForAll @IntRange(min = 4, max = 40) int pos,
            @ForAll @IntRange(min = 1, max = 31) int shift) {
        String text = KeyPair.fromSeed(seed).address().toString();
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        int p = Math.min(pos, text.length() - 1);
        char replaced = charset.charAt((charset.indexOf(text.charAt(p)) + shift) % 32);
        String typo = text.substring(0, p) + replaced + text.substring(p + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Address.parse(typo));
        assertTrue(e.getMessage().startsWith("invalid address"), e.getMessage());
    }

    @Test
    void wrongPrefixAndLengthAreExplained() {
        String other = Bech32.encode("btc", new byte[20]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Address.parse(other)).getMessage().contains("prefix"));
        String shortOne = Bech32.encode("tly", new byte[19]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Address.parse(shortOne)).getMessage().contains("20 bytes"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse(null));
    }
}
