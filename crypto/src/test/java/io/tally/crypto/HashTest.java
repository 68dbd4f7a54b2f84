package io.tally.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashTest {
    @Test
    void sha256OfAbcIsTheFips180Vector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)).toHex());
        assertEquals(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII)),
            Sha256.hash("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void bitsAreNumberedFromTheMostSignificantBit() {
        byte[] b = new byte[32];
        b[0] = (byte) 0x80;
        b[1] = 0x01;
        Hash h = Hash.of(b);
        assertTrue(h.bit(0));
        assertFalse(h.bit(1));
        assertTrue(h.bit(15));
    }

    @Test
    void hashIsImmutableAndLengthChecked() {
        byte[] b = new byte[32];
        Hash h = Hash.of(b);
        b[0] = 1;
        assertEquals(Hash.ZERO, h);
        h.bytes()[0] = 1;
        assertEquals(Hash.ZERO, h);
        assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("zz"));
    }
}
