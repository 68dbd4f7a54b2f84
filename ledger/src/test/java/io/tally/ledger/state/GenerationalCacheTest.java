package io.tally.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationalCacheTest {
    @Test
    void neverHoldsMoreThanItsBound() {
        GenerationalCache<Integer, String> c = new GenerationalCache<>(200);
        for (int i = 0; i < 10_000; i++) {
            c.put(i, "v" + i);
            assertTrue(c.size() <= 200, "size " + c.size() + " after " + i);
        }
        assertEquals("v9999", c.get(9999));
        assertNull(c.get(0), "the oldest entries were dropped");
    }

    @Test
    void entriesInUseSurviveAGenerationChange() {
        GenerationalCache<Integer, String> c = new GenerationalCache<>(20);
        c.put(-1, "hot");
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 9; i++) {
                c.put(round * 100 + i, "cold");
            }
            assertEquals("hot", c.get(-1), "round " + round);
        }
    }

    @Test
    void putAllAndLaterPutsWin() {
        GenerationalCache<String, Integer> c = new GenerationalCache<>(2000);
        c.putAll(Map.of("a", 1, "b", 2));
        c.put("a", 3);
        assertEquals(3, c.get("a"));
        assertEquals(2, c.get("b"));
        assertNull(c.get("c"));
    }

    @Test
    void refusesNullsAndBadSizes() {
        GenerationalCache<String, Integer> c = new GenerationalCache<>(1);
        assertThrows(NullPointerException.class, () -> c.put(null, 1));
        assertThrows(NullPointerException.class, () -> c.put("a", null));
        assertThrows(IllegalArgumentException.class, () -> new GenerationalCache<String, Integer>(0));
    }
}
