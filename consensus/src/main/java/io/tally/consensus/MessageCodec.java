package io.tally.consensus;

import io.tally.crypto.Hash;
import io.tally.crypto.Signature;
import io.tally.ledger.block.Block;
import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.codec.DecodeException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Canonical, strict wire codec for {@link SignedMessage}. Envelope:
 * {@code u8 version(=1) | u8 kind | u16 sender | body | signature(64)}. Bodies:
 *
 * <pre>
 * PRE_PREPARE  u64 height | u64 view | u32 len | block
 * PREPARE      u64 height | u64 view | blockHash(32)
 * COMMIT       u64 height | u64 view | blockHash(32)
 * VIEW_CHANGE  u64 height | u64 view | u8 hasCert | [u64 certView | u32 len | block
 *                                                    | u16 count | (u16 sender | sig(64))*]
 * NEW_VIEW     u64 height | u64 view | u16 count | (u32 len | VIEW_CHANGE envelope)*
 *              | u8 hasPrePrepare | [u32 len | PRE_PREPARE envelope]
 * </pre>
 *
 * Lists are strictly increasing by sender; flags are 0 or 1; no trailing bytes. Only
 * {@link DecodeException} escapes, for any input.
 */
public final class MessageCodec {
    public static final int VERSION = 1;

    private MessageCodec() {}

    public static byte[] encode(SignedMessage m) {
        ByteWriter w = new ByteWriter(256);
        w.u8(VERSION).u8(m.body().kind().code()).u16(m.sender());
        writeBody(w, m.body());
        w.raw(m.signature().bytes());
        return w.toByteArray();
    }

    public static byte[] encodeBody(ConsensusMessage body) {
        ByteWriter w = new ByteWriter(256);
        writeBody(w, body);
        return w.toByteArray();
    }

    private static void writeBody(ByteWriter w, ConsensusMessage body) {
        w.u63(body.height()).u63(body.view());
        switch (body.kind()) {
            case PRE_PREPARE -> w.bytes32(((PrePrepare) body).block().encode());
            case PREPARE -> w.raw(((Prepare) body).blockHash().bytes());
            case COMMIT -> w.raw(((Commit) body).blockHash().bytes());
            case VIEW_CHANGE -> {
                Optional<PreparedCertificate> cert = ((ViewChange) body).prepared();
                if (cert.isEmpty()) {
                    w.u8(0);
                } else {
                    w.u8(1);
                    writeCertificate(w, cert.get());
                }
            }
            case NEW_VIEW -> {
                NewView nv = (NewView) body;
                w.u16(nv.viewChanges().size());
                for (SignedMessage vc : nv.viewChanges()) {
                    w.bytes32(encode(vc));
                }
                if (nv.prePrepare().isEmpty()) {
                    w.u8(0);
                } else {
                    w.u8(1).bytes32(encode(nv.prePrepare().get()));
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + body.kind());
        }
    }

    /**
     * Decodes one envelope of at most {@code maxBytes} bytes whose blocks hold at most
     * {@code maxBlockTransactions} transactions.
     */
    public static SignedMessage decode(byte[] bytes, int maxBytes, int maxBlockTransactions) throws DecodeException {
        if (bytes == null) {
            throw new DecodeException(Reason.TRUNCATED, "no message bytes");
        }
        if (bytes.length > maxBytes) {
            throw new DecodeException(Reason.OVERSIZE, "message is " + bytes.length + " bytes, the limit is " + maxBytes);
        }
        try {
            return decodeEnvelope(bytes, maxBytes, maxBlockTransactions, true);
        } catch (IllegalArgumentException e) {
            // A record constructor rejected a decoded value (for example a block of the wrong height).
            throw new DecodeException(Reason.INVALID_VALUE, e.getMessage());
        }
    }

    private static SignedMessage decodeEnvelope(byte[] bytes, int maxBytes, int maxTx, boolean allowNewView)
            throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        int version = r.u8("message version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "unsupported consensus message version " + version);
        }
        int code = r.u8("message kind");
        MessageKind kind = MessageKind.fromCode(code)
            .orElseThrow(() -> new DecodeException(Reason.UNKNOWN_TYPE, "unknown consensus message kind " + code));
        int sender = r.u16("sender");
        long height = r.u63("height");
        long view = r.u63("view");
        ConsensusMessage body = switch (kind) {
            case PRE_PREPARE -> new PrePrepare(height, view, readBlock(r, maxBytes, maxTx));
            case PREPARE -> new Prepare(height, view, Hash.of(r.raw(Hash.LENGTH, "block hash")));
            case COMMIT -> new Commit(height, view, Hash.of(r.raw(Hash.LENGTH, "block hash")));
            case VIEW_CHANGE -> readViewChange(r, height, view, maxBytes, maxTx);
            case NEW_VIEW -> {
                if (!allowNewView) {
                    throw new DecodeException(Reason.INVALID_VALUE, "a new view cannot nest a new view");
                }
                yield readNewView(r, height, view, maxBytes, maxTx);
            }
        };
        Signature sig = Signature.of(r.raw(Signature.LENGTH, "signature"));
        r.finish("consensus message");
        return new SignedMessage(sender, body, sig);
    }

    private static Block readBlock(ByteReader r, int maxBytes, int maxTx) throws DecodeException {
        return Block.decode(r.bytes32(maxBytes, "block"), maxTx);
    }

    private static int flag(ByteReader r, String what) throws DecodeException {
        int f = r.u8(what);
        if (f > 1) {
            throw new DecodeException(Reason.NON_CANONICAL, what + " must be 0 or 1, got " + f);
        }
        return f;
    }

    private static ViewChange readViewChange(ByteReader r, long height, long view, int maxBytes, int maxTx)
            throws DecodeException {
        if (flag(r, "prepared flag") == 0) {
            return new ViewChange(height, view, Optional.empty());
        }
        return new ViewChange(height, view, Optional.of(readCertificate(r, height, maxBytes, maxTx)));
    }

    private static void writeCertificate(ByteWriter w, PreparedCertificate c) {
        w.u63(c.view()).bytes32(c.block().encode()).u16(c.prepares().size());
        for (PreparedCertificate.Vote v : c.prepares()) {
            w.u16(v.sender()).raw(v.signature().bytes());
        }
    }

    /** {@code u64 view | u32 len | block | u16 count | (u16 sender | sig(64))*} (height is the block's). */
    public static byte[] encodeCertificate(PreparedCertificate c) {
        ByteWriter w = new ByteWriter(256);
        writeCertificate(w, c);
        return w.toByteArray();
    }

    public static PreparedCertificate decodeCertificate(byte[] bytes, long height, int maxBytes, int maxTx)
            throws DecodeException {
        try {
            ByteReader r = new ByteReader(bytes);
            PreparedCertificate c = readCertificate(r, height, maxBytes, maxTx);
            r.finish("prepared certificate");
            return c;
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Reason.INVALID_VALUE, e.getMessage());
        }
    }

    private static PreparedCertificate readCertificate(ByteReader r, long height, int maxBytes, int maxTx)
            throws DecodeException {
        long certView = r.u63("certificate view");
        Block block = readBlock(r, maxBytes, maxTx);
        int count = r.u16("prepare count");
        List<PreparedCertificate.Vote> votes = new ArrayList<>(Math.min(count, 1024));
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int s = r.u16("prepare sender");
            if (s <= previous) {
                throw new DecodeException(Reason.NON_CANONICAL, "prepare senders must be strictly increasing");
            }
            previous = s;
            votes.add(new PreparedCertificate.Vote(s, Signature.of(r.raw(Signature.LENGTH, "prepare signature"))));
        }
        return new PreparedCertificate(height, certView, block, votes);
    }

    private static NewView readNewView(ByteReader r, long height, long view, int maxBytes, int maxTx)
            throws DecodeException {
        int count = r.u16("view change count");
        List<SignedMessage> vcs = new ArrayList<>(Math.min(count, 1024));
        int previous = -1;
        for (int i = 0; i < count; i++) {
            SignedMessage vc = decodeEnvelope(r.bytes32(maxBytes, "view change"), maxBytes, maxTx, false);
            if (vc.body().kind() != MessageKind.VIEW_CHANGE) {
                throw new DecodeException(Reason.INVALID_VALUE, "new view carries a " + vc.body().kind());
            }
            if (vc.sender() <= previous) {
                throw new DecodeException(Reason.NON_CANONICAL, "view change senders must be strictly increasing");
            }
            previous = vc.sender();
            vcs.add(vc);
        }
        Optional<SignedMessage> pp = Optional.empty();
        if (flag(r, "pre-prepare flag") == 1) {
            SignedMessage p = decodeEnvelope(r.bytes32(maxBytes, "pre-prepare"), maxBytes, maxTx, false);
            if (p.body().kind() != MessageKind.PRE_PREPARE) {
                throw new DecodeException(Reason.INVALID_VALUE, "new view carries a " + p.body().kind());
            }
            pp = Optional.of(p);
        }
        return new NewView(height, view, vcs, pp);
    }
}
