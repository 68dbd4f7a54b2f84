package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.state.StateKey;
import io.tally.ledger.state.StateWrite;
import io.tally.ledger.store.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Key and small-value encodings of the chain columns (docs/storage.md). */
final class ChainKeys {
    static final byte[] GENESIS_HASH = ascii("genesis_hash");
    static final byte[] CHAIN_ID = ascii("chain_id");
    static final byte[] VALIDATORS = ascii("validators");
    static final byte[] HEAD = ascii("head");
    /** u64 height of the last tree flush: the tree after that block and all it uses are in the store. */
    static final byte[] TREE_FLUSHED = ascii("tree_flushed");

    private ChainKeys() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] height(long h) {
        return new ByteWriter(8).u63(h).toByteArray();
    }

    static long decodeHeight(byte[] b) {
        try {
            ByteReader r = new ByteReader(b);
            long h = r.u63("height");
            r.finish("height");
            return h;
        } catch (DecodeException e) {
            throw corrupt("height", e);
        }
    }

    /** u64 height || u32 index: receipt keys and transaction locations. */
    static byte[] location(long height, int index) {
        return new ByteWriter(12).u63(height).u32(index).toByteArray();
    }

    /** A decoded {@link #location}: a transaction's block height and index in it. */
    record Location(long height, long index) {}

    static Location decodeLocation(byte[] location) {
        try {
            ByteReader r = new ByteReader(location);
            Location l = new Location(r.u63("height"), r.u32("index"));
            r.finish("tx location");
            return l;
        } catch (DecodeException e) {
            throw corrupt("transaction location", e);
        }
    }

    static byte[] head(long height, Hash hash) {
        return new ByteWriter(40).u63(height).raw(hash.bytes()).toByteArray();
    }

    /** A block's changed state keys: u32 count, then each key as u8 length ‖ bytes. */
    static byte[] changedKeys(List<StateWrite> writes) {
        ByteWriter w = new ByteWriter(4 + writes.size() * 34);
        w.u32(writes.size());
        for (StateWrite sw : writes) {
            w.bytes8(sw.key().bytes());
        }
        return w.toByteArray();
    }

    static List<StateKey> decodeChangedKeys(long height, byte[] b) {
        try {
            ByteReader r = new ByteReader(b);
            long n = r.u32("key count");
            if (n > r.remaining()) {
                throw new DecodeException(DecodeException.Reason.OVERSIZE, "key count " + n + " exceeds the record");
            }
            List<StateKey> keys = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                keys.add(StateKey.fromBytes(r.bytes8(StateKey.MAX_LENGTH, "state key")));
            }
            r.finish("changed keys");
            return keys;
        } catch (DecodeException | IllegalArgumentException e) {
            throw corrupt("changed state keys of block " + height, e);
        }
    }

    static StorageException corrupt(String what, Exception cause) {
        return new StorageException("the stored " + what + " is malformed; the data directory is corrupt: "
                + cause.getMessage(), cause);
    }
}
