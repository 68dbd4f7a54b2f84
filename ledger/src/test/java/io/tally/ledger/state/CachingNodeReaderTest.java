package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingNodeReaderTest {
    @Test
    void cacheServesRepeatedReadsAndStaysWithinItsBound() {
        Map<Hash, byte[]> backing = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            backing.put(Sha256.hash(new byte[] {(byte) i}), new byte[] {(byte) i});
        }
        AtomicInteger baseReads = new AtomicInteger();
        CachingNodeReader cache = new CachingNodeReader((v, h) -> {
            baseReads.incrementAndGet();
            return backing.get(h);
        }, 4);
        Hash h0 = Sha256.hash(new byte[] {0});
        assertArrayEquals(new byte[] {0}, cache.read(0, h0));
        assertArrayEquals(new byte[] {0}, cache.read(0, h0));
        assertEquals(1, baseReads.get());
        for (int i = 1; i < 10; i++) {
            cache.read(0, Sha256.hash(new byte[] {(byte) i}));
        }
        int held = cache.size();
        assertTrue(held <= 4, "bounded: " + held);
        assertNull(cache.read(0, Sha256.hash(new byte[] {42})), "absent nodes are not cached");
        assertEquals(held, cache.size());
    }
}
