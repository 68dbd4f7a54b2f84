package io.tally.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.tally.p2p.Multiaddr;
import io.tally.p2p.PeerId;
import io.tally.p2p.identify.IdentifyMessage;
import io.tally.p2p.identity.RemotePublicKey;
import io.tally.p2p.multistream.Multistream;
import io.tally.p2p.multistream.Responder;
import io.tally.p2p.wire.LengthPrefixedReader;
import io.tally.p2p.wire.Varint;

/** Length-prefix framing, varints, multistream lines and the identity/address codecs. */
class FrameFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void framingAndIdentityDecoders(byte[] data) {
        FuzzSupport.expectTypedErrorsOnly(() -> new LengthPrefixedReader(4096).feed(data));
        FuzzSupport.expectTypedErrorsOnly(() -> Varint.tryRead(Unpooled.wrappedBuffer(data)));
        FuzzSupport.expectTypedErrorsOnly(() -> {
            var buf = Unpooled.wrappedBuffer(data);
            while (Multistream.tryReadLine(buf) != null) {
                // consume every complete line
            }
        });
        FuzzSupport.expectTypedErrorsOnly(() -> new Responder(p -> p.equals("/noise"), b -> { }).onData(Unpooled.wrappedBuffer(data)));
        FuzzSupport.expectTypedErrorsOnly(() -> Multiaddr.fromBytes(data));
        FuzzSupport.expectTypedErrorsOnly(() -> PeerId.fromBytes(data));
        FuzzSupport.expectTypedErrorsOnly(() -> RemotePublicKey.decode(data).verify(data, data));
        FuzzSupport.expectTypedErrorsOnly(() -> IdentifyMessage.decode(data));
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        FuzzSupport.expectTypedErrorsOnly(() -> Multiaddr.parse(text));
        FuzzSupport.expectTypedErrorsOnly(() -> PeerId.parse(text));
    }
}
