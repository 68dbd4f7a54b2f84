package io.tally.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void bytesBitsOrderAndEqualityAgreeWithTheByteArrayOnRandomDigests() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] a = new byte[32];
            byte[] b = new byte[32];
            for (int i = 0; i < 32; i++) {
                a[i] = (byte) random.nextInt(256);
                // b shares a random-length prefix with a, so orders are decided at every position
                b[i] = i < round % 33 ? a[i] : (byte) random.nextInt(256);
            }
            Hash ha = Hash.of(a);
            Hash hb = Hash.of(b);
            assertArrayEquals(a, ha.bytes());
            byte[] into = new byte[40];
            ha.copyTo(into, 5);
            assertArrayEquals(a, java.util.Arrays.copyOfRange(into, 5, 37));
            for (int i = 0; i < 256; i++) {
                assertEquals(((a[i >>> 3] >>> (7 - (i & 7))) & 1) == 1, ha.bit(i), "bit " + i);
            }
            for (int i = 0; i < 32; i++) {
                assertEquals(a[i], ha.byteAt(i));
            }
            assertEquals(Integer.signum(java.util.Arrays.compareUnsigned(a, b)), Integer.signum(ha.compareTo(hb)));
            assertEquals(java.util.Arrays.equals(a, b), ha.equals(hb));
            assertEquals(ha, Hash.of(a.clone()));
            assertEquals(ha.hashCode(), Hash.of(a.clone()).hashCode());
            assertEquals(Bytes.toHex(a), ha.toHex());
            assertEquals(ha, Hash.read(into, 5));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> Hash.ZERO.bit(256));
        assertThrows(IndexOutOfBoundsException.class, () -> Hash.ZERO.byteAt(32));
        assertThrows(IndexOutOfBoundsException.class, () -> Hash.read(new byte[40], 9));
    }
}
