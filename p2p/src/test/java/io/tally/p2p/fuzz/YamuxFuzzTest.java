package io.tally.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tally.p2p.yamux.StreamHandler;
import io.tally.p2p.yamux.YamuxFrame;
import io.tally.p2p.yamux.YamuxSession;

/** Arbitrary bytes decoded as yamux frames and driven through a session, in both roles. */
class YamuxFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void framesThroughASession(byte[] data) {
        for (boolean client : new boolean[] {true, false}) {
            StreamHandler echo = (stream, bytes) -> stream.write(bytes);
            YamuxSession session = new YamuxSession(client, new YamuxSession.Config(8, 1 << 16, 1 << 14), b -> { }, s -> echo);
            ByteBuf buf = Unpooled.wrappedBuffer(data);
            FuzzSupport.expectTypedErrorsOnly(() -> {
                YamuxFrame f;
                while ((f = YamuxFrame.tryDecode(buf, YamuxSession.Config.SPEC_INITIAL_WINDOW)) != null) {
                    if (session.onFrame(f)) {
                        break;
                    }
                }
            });
            session.close();
        }
    }
}
