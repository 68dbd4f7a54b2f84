package io.tally.ledger.store;

import java.util.Iterator;

/**
 * Ascending iteration (unsigned byte order) over a range of one column, over a consistent snapshot
 * taken when the iterator was created. It holds native resources on LevelDB: always close it,
 * preferably with try-with-resources.
 */
public interface KvIterator extends Iterator<KvEntry>, AutoCloseable {
    @Override
    void close();
}
