package io.tally.p2p.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.tally.p2p.wire.DecodeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The yamux state machine driven frame by frame, with no sockets. */
class YamuxSessionTest {
    private static final int WINDOW = YamuxSession.Config.SPEC_INITIAL_WINDOW;

    private final List<YamuxFrame> sent = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final StreamHandler recorder = new StreamHandler() {
        @Override
        public void onData(YamuxStream stream, byte[] data) {
            events.add("data:" + stream.id() + ":" + data.length);
        }

        @Override
        public void onRemoteClose(YamuxStream stream) {
            events.add("fin:" + stream.id());
        }

        @Override
        public void onClosed(YamuxStream stream) {
            events.add("closed:" + stream.id());
        }
    };

    private YamuxSession server(int maxStreams) {
        return new YamuxSession(false, new YamuxSession.Config(maxStreams, 1 << 20, 64 * 1024),
                bytes -> sent.add(YamuxFrame.tryDecode(Unpooled.wrappedBuffer(bytes), Integer.MAX_VALUE)), s -> recorder);
    }

    private static YamuxFrame frame(int type, int flags, int id, long length) {
        return new YamuxFrame(type, flags, id, length, null);
    }

    private static YamuxFrame data(int flags, int id, int size) {
        return new YamuxFrame(YamuxFrame.TYPE_DATA, flags, id, size, new byte[size]);
    }

    @Test
    void inboundStreamIsAcknowledgedAndDataDelivered() {
        YamuxSession s = server(8);
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 1, 0));
        assertEquals(YamuxFrame.ACK, sent.get(0).flags());
        s.onFrame(data(0, 1, 10));
        assertEquals(List.of("data:1:10"), events);
    }

    @Test
    void exceedingTheReceiveWindowIsAProtocolError() {
        YamuxSession s = server(8);
        s.onFrame(data(YamuxFrame.SYN, 1, 100 * 1024));
        // 100 KiB consumed is under half the window, so no credit went back: 156 KiB remain.
        assertThrows(YamuxException.class, () -> s.onFrame(data(0, 1, 156 * 1024 + 1)));
    }

    @Test
    void creditIsReturnedOnceHalfTheWindowIsConsumed() {
        YamuxSession s = server(8);
        s.onFrame(data(YamuxFrame.SYN, 1, WINDOW / 2));
        YamuxFrame last = sent.get(sent.size() - 1);
        assertEquals(YamuxFrame.TYPE_WINDOW_UPDATE, last.type());
        assertEquals(WINDOW / 2, last.length());
    }

    @Test
    void framesForUnknownStreamsAreIgnored() {
        YamuxSession s = server(8);
        assertFalse(s.onFrame(data(0, 7, 10)));
        assertFalse(s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FIN, 9, 0)));
        assertTrue(events.isEmpty());
        assertTrue(sent.isEmpty());
    }

    @Test
    void rstClosesTheStreamAndLaterFramesAreIgnored() {
        YamuxSession s = server(8);
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 1, 0));
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.RST, 1, 0));
        assertEquals(List.of("closed:1"), events);
        assertEquals(0, s.streamCount());
        s.onFrame(data(0, 1, 5));
        assertEquals(List.of("closed:1"), events);
    }

    @Test
    void finThenOurFinClosesTheStream() {
        YamuxSession s = server(8);
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN | YamuxFrame.FIN, 1, 0));
        assertEquals(List.of("fin:1"), events);
        assertEquals(1, s.streamCount());
    }

    @Test
    void reusedOrWrongParityStreamIdsAreProtocolErrors() {
        YamuxSession s = server(8);
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 3, 0));
        assertThrows(YamuxException.class, () -> s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 3, 0)));
        assertThrows(YamuxException.class, () -> server(8).onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 2, 0)));
        assertThrows(YamuxException.class, () -> server(8).onFrame(data(0, 0, 1)));
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWithRst() {
        YamuxSession s = server(1);
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 1, 0));
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.SYN, 3, 0));
        YamuxFrame last = sent.get(sent.size() - 1);
        assertEquals(3, last.streamId());
        assertEquals(YamuxFrame.RST, last.flags());
        assertEquals(1, s.streamCount());
    }

    @Test
    void pingIsEchoedAndGoAwayEndsTheSession() {
        YamuxSession s = server(8);
        s.onFrame(frame(YamuxFrame.TYPE_PING, YamuxFrame.SYN, 0, 42));
        assertEquals(YamuxFrame.TYPE_PING, sent.get(0).type());
        assertEquals(YamuxFrame.ACK, sent.get(0).flags());
        assertEquals(42, sent.get(0).length());
        assertThrows(YamuxException.class, () -> s.onFrame(frame(YamuxFrame.TYPE_PING, 0, 0, 1)));
        assertTrue(s.onFrame(frame(YamuxFrame.TYPE_GO_AWAY, 0, 0, 0)));
    }

    @Test
    void writesNeverExceedThePeersWindowUntilItGrantsMore() {
        YamuxSession s = new YamuxSession(true, YamuxSession.Config.defaults(),
                bytes -> sent.add(YamuxFrame.tryDecode(Unpooled.wrappedBuffer(bytes), Integer.MAX_VALUE)), st -> recorder);
        YamuxStream st = s.open(recorder);
        assertNotNull(st);
        assertEquals(1, st.id(), "the dialer uses odd ids");
        assertTrue(st.write(new byte[300 * 1024]));
        long sentBytes = sent.stream().filter(f -> f.type() == YamuxFrame.TYPE_DATA).mapToLong(f -> f.data().length).sum();
        assertEquals(WINDOW, sentBytes);
        assertEquals(300 * 1024 - WINDOW, st.pendingBytes());
        s.onFrame(frame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.ACK, 1, 64 * 1024));
        assertEquals(0, st.pendingBytes());
        assertFalse(st.write(new byte[5 << 20]), "the per-stream queue is bounded");
    }

    @Test
    void headerDecodingRejectsBadVersionTypeFlagsAndOversizedData() {
        assertThrows(DecodeException.class, () -> decode("01000000000000010000000"+"0"));
        assertThrows(DecodeException.class, () -> decode("000400000000000100000000"));
        assertThrows(DecodeException.class, () -> decode("000100100000000100000000"));
        assertThrows(DecodeException.class, () -> decode("000000000000000100040001"));
        assertNull(YamuxFrame.tryDecode(Unpooled.wrappedBuffer(new byte[11]), WINDOW));
    }

    private static YamuxFrame decode(String hex) {
        return YamuxFrame.tryDecode(Unpooled.wrappedBuffer(java.util.HexFormat.of().parseHex(hex)), WINDOW);
    }
}
