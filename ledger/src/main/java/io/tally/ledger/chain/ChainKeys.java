package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.store.StorageException;
import java.nio.charset.StandardCharsets;

/** Key and small-value encodings of the chain columns (docs/storage.md). */
final class ChainKeys {
    static final byte[] GENESIS_HASH = ascii("genesis_hash");
    static final byte[] CHAIN_ID = ascii("chain_id");
    static final byte[] VALIDATORS = ascii("validators");
    static final byte[] HEAD = ascii("head");

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

    static byte[] head(long height, Hash hash) {
        return new ByteWriter(40).u63(height).raw(hash.bytes()).toByteArray();
    }

    static StorageException corrupt(String what, Exception cause) {
        return new StorageException("the stored " + what + " is malformed; the data directory is corrupt: "
                + cause.getMessage(), cause);
    }
}
