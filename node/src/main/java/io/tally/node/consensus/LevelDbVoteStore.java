package io.tally.node.consensus;

import io.tally.consensus.PersistedRecord;
import io.tally.consensus.driver.VoteStore;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.store.Column;
import io.tally.ledger.store.Durability;
import io.tally.ledger.store.KvEntry;
import io.tally.ledger.store.KvIterator;
import io.tally.ledger.store.KvStore;
import io.tally.ledger.store.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator's vote log in the ledger's LevelDB ({@link Column#CONSENSUS_LOG}). Appends are
 * buffered in one batch and made durable by {@link #sync()} with an fsync, which the consensus
 * driver calls before it sends anything those records describe.
 */
public final class LevelDbVoteStore implements VoteStore {
    private final KvStore store;
    private WriteBatch pending;
    private long sequence;

    public LevelDbVoteStore(KvStore store) throws IOException {
        this.store = store;
        this.sequence = lastSequence() + 1;
    }

    private long lastSequence() throws IOException {
        long last = -1;
        try (KvIterator it = store.iterate(Column.CONSENSUS_LOG, new byte[0], null)) {
            while (it.hasNext()) {
                KvEntry e = it.next();
                last = Math.max(last, java.nio.ByteBuffer.wrap(e.key(), 8, 8).getLong());
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot read the consensus vote log: " + e.getMessage(), e);
        }
        return last;
    }

    private static byte[] key(long height, long seq) {
        return new ByteWriter(16).u63(height).u63(seq).toByteArray();
    }

    private WriteBatch batch() {
        if (pending == null) {
            pending = store.newBatch();
        }
        return pending;
    }

    @Override
    public synchronized void append(PersistedRecord record) {
        batch().put(Column.CONSENSUS_LOG, key(record.height(), sequence++), record.encode());
    }

    @Override
    public synchronized void pruneBelow(long height) throws IOException {
        try (KvIterator it = store.iterate(Column.CONSENSUS_LOG, new byte[0], key(height, 0))) {
            while (it.hasNext()) {
                batch().delete(Column.CONSENSUS_LOG, it.next().key());
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot prune the consensus vote log: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void sync() throws IOException {
        if (pending == null) {
            return;
        }
        try (WriteBatch b = pending) {
            pending = null;
            b.commit(Durability.SYNCED);
        } catch (RuntimeException e) {
            throw new IOException("cannot persist consensus votes: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<PersistedRecord> load() throws IOException {
        List<PersistedRecord> out = new ArrayList<>();
        try (KvIterator it = store.iterate(Column.CONSENSUS_LOG, new byte[0], null)) {
            while (it.hasNext()) {
                out.add(PersistedRecord.decode(it.next().value()));
            }
        } catch (DecodeException e) {
            throw new IOException("the consensus vote log is corrupt: " + e.getMessage(), e);
        }
        return out;
    }
}
