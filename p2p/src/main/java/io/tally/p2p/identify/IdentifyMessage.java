package io.tally.p2p.identify;

import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Proto;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /ipfs/id/1.0.0} message. Multiaddrs stay binary here (unknown protocols in a peer's
 * list must not fail the whole message); callers parse the ones they understand. The signed peer
 * record (field 8) is ignored on receipt and never sent.
 */
public record IdentifyMessage(byte[] publicKey, List<byte[]> listenAddrs, List<String> protocols,
                              byte[] observedAddr, String protocolVersion, String agentVersion) {
    public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
    public static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_ENTRIES = 256;

    public IdentifyMessage {
        listenAddrs = List.copyOf(listenAddrs);
        protocols = List.copyOf(protocols);
    }

    public byte[] encode() {
        Proto.Writer w = new Proto.Writer();
        if (publicKey != null) {
            w.bytes(1, publicKey);
        }
        for (byte[] a : listenAddrs) {
            w.bytes(2, a);
        }
        for (String p : protocols) {
            w.string(3, p);
        }
        if (observedAddr != null) {
            w.bytes(4, observedAddr);
        }
        if (protocolVersion != null) {
            w.string(5, protocolVersion);
        }
        if (agentVersion != null) {
            w.string(6, agentVersion);
        }
        return w.toByteArray();
    }

    public static IdentifyMessage decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new DecodeException("identify message too large");
        }
        byte[] key = null;
        byte[] observed = null;
        String pv = null;
        String agent = null;
        List<byte[]> addrs = new ArrayList<>();
        List<String> protos = new ArrayList<>();
        Proto.Reader r = new Proto.Reader(bytes);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.bytes();
                case 2 -> addrs.add(r.bytes());
                case 3 -> protos.add(r.string());
                case 4 -> observed = r.bytes();
                case 5 -> pv = r.string();
                case 6 -> agent = r.string();
                default -> r.skip();
            }
            if (addrs.size() > MAX_ENTRIES || protos.size() > MAX_ENTRIES) {
                throw new DecodeException("identify message lists too many entries");
            }
        }
        return new IdentifyMessage(key, addrs, protos, observed, pv, agent);
    }
}
