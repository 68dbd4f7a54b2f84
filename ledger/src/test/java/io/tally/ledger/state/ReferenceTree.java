package io.tally.ledger.state;

import io.tally.crypto.Hash;
import io.tally.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Brute-force oracle: the state root computed from scratch from the definition, with no stored
 * nodes, no incremental update and no compression logic beyond "one key = its leaf".
 */
final class ReferenceTree {
    private ReferenceTree() {}

    static Hash root(SortedMap<Hash, byte[]> entries) {
        List<Map.Entry<Hash, byte[]>> list = new ArrayList<>(entries.entrySet());
        return root(list, 0);
    }

    private static Hash root(List<Map.Entry<Hash, byte[]>> list, int depth) {
        if (list.isEmpty()) {
            return Hash.ZERO;
        }
        if (list.size() == 1) {
            Map.Entry<Hash, byte[]> e = list.get(0);
            byte[] buf = new byte[65];
            buf[0] = 0x00;
            e.getKey().copyTo(buf, 1);
            Sha256.hash(e.getValue()).copyTo(buf, 33);
            return Sha256.hash(buf);
        }
        List<Map.Entry<Hash, byte[]>> left = new ArrayList<>();
        List<Map.Entry<Hash, byte[]>> right = new ArrayList<>();
        for (Map.Entry<Hash, byte[]> e : list) {
            (e.getKey().bit(depth) ? right : left).add(e);
        }
        byte[] buf = new byte[65];
        buf[0] = 0x01;
        root(left, depth + 1).copyTo(buf, 1);
        root(right, depth + 1).copyTo(buf, 33);
        return Sha256.hash(buf);
    }
}
