package io.tally.p2p.gossip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tally.p2p.gossip.Rpc.Control;
import io.tally.p2p.gossip.Rpc.Graft;
import io.tally.p2p.gossip.Rpc.IHave;
import io.tally.p2p.gossip.Rpc.IWant;
import io.tally.p2p.gossip.Rpc.Message;
import io.tally.p2p.gossip.Rpc.Prune;
import io.tally.p2p.gossip.Rpc.SubOpts;
import io.tally.p2p.identity.HostKey;
import io.tally.p2p.wire.DecodeException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcCodecTest {
    private static final HostKey KEY = HostKey.fromSeed(new byte[32]);

    @Test
    void everyFieldRoundTrips() {
        Message m = StrictSign.sign(KEY, "t", new byte[] {1, 2, 3}, 7);
        Control c = new Control(List.of(new IHave("t", List.of(new byte[] {9}))), List.of(new IWant(List.of(new byte[] {8}))),
                List.of(new Graft("t")), List.of(new Prune("t", 60)));
        Rpc rpc = new Rpc(List.of(new SubOpts(true, "t"), new SubOpts(false, "u")), List.of(m), c);
        Rpc back = RpcCodec.decode(RpcCodec.encode(rpc));
        assertEquals(rpc.subscriptions(), back.subscriptions());
        Message bm = back.publish().get(0);
        assertArrayEquals(m.signature(), bm.signature());
        assertArrayEquals(m.seqno(), bm.seqno());
        assertEquals("t", back.control().ihave().get(0).topic());
        assertArrayEquals(new byte[] {8}, back.control().iwant().get(0).messageIds().get(0));
        assertEquals(60, back.control().prune().get(0).backoffSeconds());
        assertEquals(KEY.peerId(), StrictSign.verify(bm));
    }

    @Test
    void strictSignRejectsTamperingMissingFieldsAndForeignKeys() {
        Message m = StrictSign.sign(KEY, "t", new byte[] {1}, 1);
        Message tampered = new Message(m.from(), new byte[] {2}, m.seqno(), m.topic(), m.signature(), m.key());
        assertThrows(DecodeException.class, () -> StrictSign.verify(tampered));
        Message unsigned = new Message(m.from(), m.data(), m.seqno(), m.topic(), null, null);
        assertThrows(DecodeException.class, () -> StrictSign.verify(unsigned));
        Message shortSeq = new Message(m.from(), m.data(), new byte[4], m.topic(), m.signature(), m.key());
        assertThrows(DecodeException.class, () -> StrictSign.verify(shortSeq));
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        Message foreignKey = new Message(m.from(), m.data(), m.seqno(), m.topic(), m.signature(),
                HostKey.fromSeed(other).publicKeyProtobuf());
        assertThrows(DecodeException.class, () -> StrictSign.verify(foreignKey));
        Message keyless = new Message(m.from(), m.data(), m.seqno(), m.topic(), m.signature(), null);
        assertEquals(KEY.peerId(), StrictSign.verify(keyless), "an Ed25519 'from' embeds the key");
    }

    @Test
    void strictNoSignAcceptsOnlyTopicAndDataAndRoundTripsWithoutAuthorFields() {
        Message m = StrictNoSign.message("t", new byte[] {1, 2});
        Message back = RpcCodec.decode(RpcCodec.encode(Rpc.ofMessages(List.of(m)))).publish().get(0);
        StrictNoSign.check(back);
        assertArrayEquals(new byte[] {1, 2}, back.data());
        Message signed = StrictSign.sign(KEY, "t", new byte[] {1}, 1);
        assertThrows(DecodeException.class, () -> StrictNoSign.check(signed));
        for (Message withOne : List.of(
                new Message(signed.from(), m.data(), null, "t", null, null),
                new Message(null, m.data(), signed.seqno(), "t", null, null),
                new Message(null, m.data(), null, "t", signed.signature(), null),
                new Message(null, m.data(), null, "t", null, signed.key()))) {
            assertThrows(DecodeException.class, () -> StrictNoSign.check(withOne));
        }
        assertThrows(DecodeException.class, () -> StrictSign.verify(back), "and StrictSign refuses it");
    }

    @Test
    void malformedRpcsAreTypedErrors() {
        assertThrows(DecodeException.class, () -> RpcCodec.decode(new byte[] {0x0a, 0x05, 0x01}));
        assertThrows(DecodeException.class, () -> RpcCodec.decode(new byte[] {0x12, 0x00}), "message without topic");
        assertThrows(DecodeException.class, () -> RpcCodec.decode(new byte[] {(byte) 0xff}));
    }
}
