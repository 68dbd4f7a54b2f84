package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.HashMap;
import java.util.Map;

/**
 * Tree nodes held in a map keyed exactly like the store, by (version, hash), so a test reading a
 * node at the wrong version fails as it would on LevelDB.
 */
public final class MemoryNodeStore implements NodeReader {
    private record Key(long version, Hash hash) {}

    private final Map<Key, byte[]> nodes = new HashMap<>();

    /** Stores the nodes of {@code r} under its version. */
    public void add(UpdateResult r) {
        r.newNodes().forEach((h, b) -> nodes.put(new Key(r.version(), h), b));
    }

    @Override
    public byte[] read(long version, Hash hash) {
        return nodes.get(new Key(version, hash));
    }

    public int size() {
        return nodes.size();
    }
}
