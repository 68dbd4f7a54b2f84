package io.tally.p2p.multistream;

import io.netty.buffer.ByteBuf;
import io.tally.p2p.wire.DecodeException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Listener side of multistream-select: after the peer's header, answer each proposal with an echo
 * (supported) or {@code na}; {@code ls} is answered with {@code na} too, as it is optional. The
 * number of proposals is bounded so a peer cannot keep a stream busy forever.
 */
public final class Responder {
    private static final int MAX_PROPOSALS = 16;

    private final Predicate<String> supported;
    private final Consumer<byte[]> send;
    private boolean headerSeen;
    private int proposals;
    private String selected;

    public Responder(Predicate<String> supported, Consumer<byte[]> send) {
        this.supported = supported;
        this.send = send;
    }

    public Negotiation onData(ByteBuf buf) {
        while (true) {
            String line = Multistream.tryReadLine(buf);
            if (line == null) {
                return Negotiation.PENDING;
            }
            if (!headerSeen) {
                if (!line.equals(Multistream.PROTOCOL_ID)) {
                    throw new DecodeException("peer does not speak " + Multistream.PROTOCOL_ID);
                }
                headerSeen = true;
                continue;
            }
            if (++proposals > MAX_PROPOSALS) {
                throw new DecodeException("too many multistream proposals");
            }
            boolean accept = !line.equals("ls") && supported.test(line);
            String answer = accept ? line : Multistream.NA;
            // Our header goes out once, with the first answer (js answers the same way).
            send.accept(proposals == 1
                    ? Multistream.encode(Multistream.PROTOCOL_ID, answer)
                    : Multistream.encode(answer));
            if (accept) {
                selected = line;
                return Negotiation.SELECTED;
            }
        }
    }

    public String selected() {
        return selected;
    }
}
