package io.tally.node.sync;

import io.tally.ledger.block.Block;
import io.tally.ledger.block.CommitCertificate;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Block-sync wire format ({@code /tally/<chain>/sync/1}, request/response):
 *
 * <pre>
 * request  = u8 version(=1) | u64 fromHeight | u16 maxBlocks
 * response = u8 version(=1) | u64 headHeight | u16 count | (u32 len | block | u32 len | certificate)*
 * </pre>
 *
 * The blocks are consecutive from {@code fromHeight}; {@code headHeight} is the server's head, so
 * an empty response still tells the client how far behind it is.
 */
public final class SyncCodec {
    public static final int VERSION = 1;
    public static final int MAX_BLOCKS_PER_RESPONSE = 64;
    public static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

    private SyncCodec() {}

    public record Request(long fromHeight, int maxBlocks) {}

    public record Entry(Block block, CommitCertificate certificate) {}

    public record Response(long headHeight, List<Entry> entries) {}

    public static byte[] encode(Request r) {
        return new ByteWriter(11).u8(VERSION).u63(r.fromHeight()).u16(r.maxBlocks()).toByteArray();
    }

    public static Request decodeRequest(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        checkVersion(r);
        long from = r.u63("from height");
        int max = r.u16("max blocks");
        r.finish("sync request");
        return new Request(from, Math.min(max, MAX_BLOCKS_PER_RESPONSE));
    }

    /** Encodes raw stored bytes without re-encoding them. */
    public static byte[] encodeResponse(long headHeight, List<byte[]> blocks, List<byte[]> certificates) {
        ByteWriter w = new ByteWriter(1024);
        w.u8(VERSION).u63(headHeight).u16(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            w.bytes32(blocks.get(i)).bytes32(certificates.get(i));
        }
        return w.toByteArray();
    }

    public static Response decodeResponse(byte[] bytes, int maxBlockTransactions) throws DecodeException {
        if (bytes.length > MAX_RESPONSE_BYTES) {
            throw new DecodeException(Reason.OVERSIZE, "sync response of " + bytes.length + " bytes");
        }
        ByteReader r = new ByteReader(bytes);
        checkVersion(r);
        long head = r.u63("head height");
        int count = r.u16("block count");
        if (count > MAX_BLOCKS_PER_RESPONSE) {
            throw new DecodeException(Reason.OVERSIZE, count + " blocks in one sync response");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Block b = Block.decode(r.bytes32(MAX_RESPONSE_BYTES, "block"), maxBlockTransactions);
            CommitCertificate c = CommitCertificate.decode(r.bytes32(MAX_RESPONSE_BYTES, "certificate"));
            entries.add(new Entry(b, c));
        }
        r.finish("sync response");
        return new Response(head, entries);
    }

    private static void checkVersion(ByteReader r) throws DecodeException {
        int v = r.u8("version");
        if (v != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "sync protocol version " + v);
        }
    }
}
