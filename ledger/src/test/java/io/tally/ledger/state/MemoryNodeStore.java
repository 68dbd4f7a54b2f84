package io.tally.ledger.state;

import io.tally.crypto.Hash;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tree nodes held in a map keyed exactly like the store, by (version, hash), so a test reading a
 * node at the wrong version fails as it would on LevelDB. A linking store also hands the latest
 * added tree's linked root back to the next update, as the chain's reader does.
 */
public final class MemoryNodeStore implements NodeReader {
    private record Key(long version, Hash hash) {}

    private final Map<Key, byte[]> nodes = new HashMap<>();
    private final boolean linking;
    private final AtomicInteger reads = new AtomicInteger();
    private UpdateResult latest;

    public MemoryNodeStore() {
        this(false);
    }

    public MemoryNodeStore(boolean linking) {
        this.linking = linking;
    }

    /** Stores the nodes of {@code r} under its version. */
    public void add(UpdateResult r) {
        r.newNodes().forEach((h, b) -> nodes.put(new Key(r.version(), h), b));
        latest = r;
    }

    @Override
    public byte[] read(long version, Hash hash) {
        reads.incrementAndGet();
        return nodes.get(new Key(version, hash));
    }

    @Override
    public TreeNode linkedRoot(long version, Hash root) {
        UpdateResult l = latest;
        return linking && l != null && l.version() == version && l.root().equals(root) ? l.rootNode() : null;
    }

    public int size() {
        return nodes.size();
    }

    /** Node reads so far. */
    public int reads() {
        return reads.get();
    }
}
