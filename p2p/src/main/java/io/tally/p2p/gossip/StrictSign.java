package io.tally.p2p.gossip;

import io.tally.p2p.PeerId;
import io.tally.p2p.gossip.Rpc.Message;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.identity.RemotePublicKey;
import io.tally.p2p.wire.DecodeException;
import java.nio.charset.StandardCharsets;

/**
 * The StrictSign policy: every message carries {@code from}, an 8-byte {@code seqno} and a signature
 * by {@code from}'s key over {@code "libp2p-pubsub:" ‖ protobuf(from, data, seqno, topic)}.
 */
public final class StrictSign {
    private static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

    private StrictSign() {}

    public static Message sign(HostKey key, String topic, byte[] data, long seqno) {
        byte[] seq = new byte[8];
        for (int i = 0; i < 8; i++) {
            seq[i] = (byte) (seqno >>> (56 - 8 * i));
        }
        Message unsigned = new Message(key.peerId().toBytes(), data, seq, topic, null, null);
        byte[] sig = key.sign(signedBytes(unsigned));
        return new Message(unsigned.from(), data, seq, topic, sig, key.publicKeyProtobuf());
    }

    /** Returns the verified author, or throws {@link DecodeException} naming what is wrong. */
    public static PeerId verify(Message m) {
        if (m.from() == null || m.seqno() == null || m.signature() == null) {
            throw new DecodeException("unsigned message under StrictSign");
        }
        if (m.seqno().length != 8) {
            throw new DecodeException("seqno must be 8 bytes");
        }
        PeerId author = PeerId.fromBytes(m.from());
        RemotePublicKey key;
        if (m.key() != null) {
            key = RemotePublicKey.decode(m.key());
            if (!author.matches(key)) {
                throw new DecodeException("message key does not match its from field");
            }
        } else {
            key = author.embeddedKey().orElseThrow(() -> new DecodeException("message lacks a key and from does not embed one"));
        }
        if (!key.verify(signedBytes(m), m.signature())) {
            throw new DecodeException("message signature does not verify");
        }
        return author;
    }

    private static byte[] signedBytes(Message m) {
        byte[] body = RpcCodec.encodeMessage(m, false);
        byte[] out = new byte[PREFIX.length + body.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        System.arraycopy(body, 0, out, PREFIX.length, body.length);
        return out;
    }
}
