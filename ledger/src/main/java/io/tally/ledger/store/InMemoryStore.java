package io.tally.ledger.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory twin of {@link LevelDbStore}, for tests and benchmarks: same ordering, same batch
 * atomicity, same snapshot iteration (it copies the requested range when the iterator is created,
 * which is fine for test-sized ranges). Durability is ignored: contents die with the object.
 */
public final class InMemoryStore implements KvStore {
    private final NavigableMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
        byte[] k = prefixed(column, key);
        lock.readLock().lock();
        try {
            checkOpen();
            byte[] v = map.get(k);
            return v == null ? Optional.empty() : Optional.of(v.clone());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KvIterator iterate(Column column, byte[] fromInclusive, byte[] toExclusive) {
        byte[] from = prefixed(column, fromInclusive == null ? new byte[0] : fromInclusive);
        byte[] to = toExclusive == null ? new byte[] {(byte) (column.prefix() + 1)} : prefixed(column, toExclusive);
        List<KvEntry> copy = new ArrayList<>();
        lock.readLock().lock();
        try {
            checkOpen();
            if (Arrays.compareUnsigned(from, to) < 0) {
                for (Map.Entry<byte[], byte[]> e : map.subMap(from, true, to, false).entrySet()) {
                    byte[] k = e.getKey();
                    copy.add(new KvEntry(Arrays.copyOfRange(k, 1, k.length), e.getValue().clone()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        Iterator<KvEntry> it = copy.iterator();
        return new KvIterator() {
            private boolean iteratorClosed;

            @Override
            public boolean hasNext() {
                return !iteratorClosed && it.hasNext();
            }

            @Override
            public KvEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
                iteratorClosed = true;
            }
        };
    }

    @Override
    public WriteBatch newBatch() {
        return new Batch();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            map.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Number of entries over all columns (for tests and benchmarks). */
    public int size() {
        lock.readLock().lock();
        try {
            return map.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the store is closed");
        }
    }

    static byte[] prefixed(Column column, byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key is required");
        }
        byte[] k = new byte[key.length + 1];
        k[0] = column.prefix();
        System.arraycopy(key, 0, k, 1, key.length);
        return k;
    }

    private final class Batch implements WriteBatch {
        /** Operations in order; a null value is a delete. */
        private final List<byte[][]> ops = new ArrayList<>();
        private boolean finished;

        @Override
        public WriteBatch put(Column column, byte[] key, byte[] value) {
            checkUsable();
            if (value == null) {
                throw new IllegalArgumentException("value is required");
            }
            ops.add(new byte[][] {prefixed(column, key), value.clone()});
            return this;
        }

        @Override
        public WriteBatch delete(Column column, byte[] key) {
            checkUsable();
            ops.add(new byte[][] {prefixed(column, key), null});
            return this;
        }

        @Override
        public int size() {
            return ops.size();
        }

        @Override
        public void commit(Durability durability) {
            checkUsable();
            finished = true;
            lock.writeLock().lock();
            try {
                checkOpen();
                for (byte[][] op : ops) {
                    if (op[1] == null) {
                        map.remove(op[0]);
                    } else {
                        map.put(op[0], op[1]);
                    }
                }
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public void close() {
            finished = true;
            ops.clear();
        }

        private void checkUsable() {
            if (finished) {
                throw new IllegalStateException("this batch was already committed or closed");
            }
        }
    }
}
