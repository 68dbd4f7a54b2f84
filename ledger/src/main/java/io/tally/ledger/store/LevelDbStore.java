package io.tally.ledger.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteOptions;

/**
 * {@link KvStore} on LevelDB through leveldbjni. Columns are one-byte key prefixes in a single
 * database, so a batch spanning columns is one atomic LevelDB write.
 *
 * <p>Using a native handle after {@code close()} would crash the JVM, so every operation holds a
 * read lock and checks the closed flag, and {@link #close()} takes the write lock, closes the
 * iterators still open, then the database.
 */
public final class LevelDbStore implements KvStore {
    private static final long CACHE_BYTES = 32L << 20;
    /**
     * 128 MiB halved compaction CPU in short benchmark windows but not over 5 minutes (larger
     * memtables make every insert slower, docs/benchmarks.md) and added 250 MiB of RSS spikes.
     */
    private static final int WRITE_BUFFER_BYTES = 16 << 20;
    static final String BACKGROUND_THREAD_NAME = "leveldb-compaction";
    private static final AtomicBoolean BACKGROUND_THREAD_STARTED = new AtomicBoolean();

    private final Path dir;
    private final DB db;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Iter> openIterators = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private final List<String> recovery;

    private LevelDbStore(Path dir, DB db, List<String> recovery) {
        this.dir = dir;
        this.db = db;
        this.recovery = List.copyOf(recovery);
    }

    /**
     * What opening had to repair: one line per write-ahead log whose torn last record (a write a
     * crash interrupted, never acknowledged) was dropped. Empty after a clean shutdown.
     */
    public List<String> recoveryNotes() {
        return recovery;
    }

    /**
     * Opens (creating if needed) the database in {@code dir}.
     *
     * @throws StorageException naming the directory and the cause: not a directory, not writable,
     *     locked by another process, or corrupt
     */
    public static LevelDbStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create the data directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new StorageException("the data directory " + dir + " is not a writable directory");
        }
        Options options = new Options()
                .createIfMissing(true)
                .paranoidChecks(true)
                .cacheSize(CACHE_BYTES)
                .writeBufferSize(WRITE_BUFFER_BYTES)
                // Tree nodes, hashes, keys and signatures are random bytes: Snappy would spend
                // compaction CPU on every block of every level to save next to nothing.
                .compressionType(CompressionType.NONE);
        File file = dir.toFile();
        List<String> recovery = List.of();
        try {
            DB db;
            try {
                db = JniDBFactory.factory.open(file, options);
            } catch (IOException | DBException e) {
                // A crash while a batch was being written leaves the log's last record torn, which
                // this LevelDB calls corruption; trim such a tail (only that) and try again.
                recovery = String.valueOf(e.getMessage()).contains("Corruption") ? WalTail.trimTornTails(dir) : List.of();
                if (recovery.isEmpty()) {
                    throw e;
                }
                db = JniDBFactory.factory.open(file, options);
            }
            startBackgroundThreadNamed(db);
            return new LevelDbStore(dir, db, recovery);
        } catch (IOException | DBException e) {
            String msg = String.valueOf(e.getMessage());
            String hint = msg.contains("lock") || msg.contains("Lock")
                    ? "; is another node process using this data directory?"
                    : msg.contains("Corruption") ? "; the database is corrupt (restore it or resync from peers)" : "";
            throw new StorageException("cannot open LevelDB at " + dir + ": " + msg + hint, e);
        }
    }

    /**
     * LevelDB starts its one process-wide background (compaction) thread on first need, and a
     * native thread inherits its creator's name: without this it would carry the name of whichever
     * node thread first filled a memtable, and its CPU would be counted as that thread's. A manual
     * compaction of an unused key range from a thread named {@value #BACKGROUND_THREAD_NAME} starts
     * it now, under that name, and touches no data. The starting thread first lowers its own CPU
     * priority ({@link ThreadNice}), which LevelDB's thread inherits with the name.
     */
    private static void startBackgroundThreadNamed(DB db) {
        if (!BACKGROUND_THREAD_STARTED.compareAndSet(false, true)) {
            return;
        }
        byte[] unused = {(byte) 0xFF};
        Thread t = new Thread(() -> {
            ThreadNice.setForCurrentThread(ThreadNice.COMPACTION);
            try {
                db.compactRange(unused, unused);
            } catch (DBException e) {
                // only the thread's name is at stake; LevelDB starts it later on its own
            }
        }, BACKGROUND_THREAD_NAME);
        t.setDaemon(true);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The nice value of LevelDB's compaction thread in this process ({@link ThreadNice#COMPACTION}
     * when lowering it worked), or empty when there is no such thread or it cannot be read.
     */
    public static OptionalInt compactionThreadNice() {
        return ThreadNice.threadsNamed(BACKGROUND_THREAD_NAME).stream().findFirst()
            .map(ThreadNice::niceOf).orElse(OptionalInt.empty());
    }

    public Path directory() {
        return dir;
    }

    @Override
    public Optional<byte[]> get(Column column, byte[] key) {
        byte[] k = InMemoryStore.prefixed(column, key);
        lock.readLock().lock();
        try {
            checkOpen();
            return Optional.ofNullable(db.get(k));
        } catch (DBException e) {
            throw new StorageException("LevelDB read failed in " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KvIterator iterate(Column column, byte[] fromInclusive, byte[] toExclusive) {
        byte[] from = InMemoryStore.prefixed(column, fromInclusive == null ? new byte[0] : fromInclusive);
        byte[] to = toExclusive == null
                ? new byte[] {(byte) (column.prefix() + 1)}
                : InMemoryStore.prefixed(column, toExclusive);
        lock.readLock().lock();
        try {
            checkOpen();
            // default ReadOptions: the iterator reads an implicit snapshot taken now
            DBIterator native_ = db.iterator(new ReadOptions().fillCache(false));
            native_.seek(from);
            Iter it = new Iter(native_, to);
            synchronized (openIterators) {
                openIterators.add(it);
            }
            return it;
        } catch (DBException e) {
            throw new StorageException("LevelDB iteration failed in " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public WriteBatch newBatch() {
        lock.readLock().lock();
        try {
            checkOpen();
            return new Batch(db.createWriteBatch());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (openIterators) {
                for (Iter it : openIterators) {
                    it.closeNative();
                }
                openIterators.clear();
            }
            db.close();
        } catch (IOException e) {
            throw new StorageException("closing LevelDB at " + dir + " failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("the store at " + dir + " is closed");
        }
    }

    private final class Iter implements KvIterator {
        private final DBIterator native_;
        private final byte[] toExclusive;
        private boolean done;

        Iter(DBIterator native_, byte[] toExclusive) {
            this.native_ = native_;
            this.toExclusive = toExclusive;
        }

        @Override
        public boolean hasNext() {
            lock.readLock().lock();
            try {
                if (done || closed) {
                    return false;
                }
                if (!native_.hasNext()) {
                    return false;
                }
                byte[] k = native_.peekNext().getKey();
                return Arrays.compareUnsigned(k, toExclusive) < 0;
            } catch (DBException e) {
                throw new StorageException("LevelDB iteration failed in " + dir + ": " + e.getMessage(), e);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public KvEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            lock.readLock().lock();
            try {
                checkOpen();
                Map.Entry<byte[], byte[]> e = native_.next();
                byte[] k = e.getKey();
                return new KvEntry(Arrays.copyOfRange(k, 1, k.length), e.getValue());
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public void close() {
            lock.readLock().lock();
            try {
                if (closed) {
                    return; // the store already released it
                }
                synchronized (openIterators) {
                    if (!openIterators.remove(this)) {
                        return;
                    }
                }
                closeNative();
            } finally {
                lock.readLock().unlock();
            }
        }

        void closeNative() {
            done = true;
            try {
                native_.close();
            } catch (IOException e) {
                throw new StorageException("closing a LevelDB iterator failed: " + e.getMessage(), e);
            }
        }
    }

    private final class Batch implements WriteBatch {
        private final org.iq80.leveldb.WriteBatch native_;
        private int size;
        private boolean finished;

        Batch(org.iq80.leveldb.WriteBatch native_) {
            this.native_ = native_;
        }

        @Override
        public WriteBatch put(Column column, byte[] key, byte[] value) {
            checkUsable();
            if (value == null) {
                throw new IllegalArgumentException("value is required");
            }
            native_.put(InMemoryStore.prefixed(column, key), value);
            size++;
            return this;
        }

        @Override
        public WriteBatch delete(Column column, byte[] key) {
            checkUsable();
            native_.delete(InMemoryStore.prefixed(column, key));
            size++;
            return this;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void commit(Durability durability) {
            checkUsable();
            lock.readLock().lock();
            try {
                checkOpen();
                db.write(native_, new WriteOptions().sync(durability == Durability.SYNCED));
            } catch (DBException e) {
                throw new StorageException("LevelDB write failed in " + dir + ": " + e.getMessage(), e);
            } finally {
                lock.readLock().unlock();
                close();
            }
        }

        @Override
        public void close() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                native_.close();
            } catch (IOException e) {
                throw new StorageException("releasing a LevelDB batch failed: " + e.getMessage(), e);
            }
        }

        private void checkUsable() {
            if (finished) {
                throw new IllegalStateException("this batch was already committed or closed");
            }
        }
    }
}
