package io.tally.p2p.gossip;

import io.tally.p2p.gossip.Rpc.Control;
import io.tally.p2p.gossip.Rpc.Graft;
import io.tally.p2p.gossip.Rpc.IHave;
import io.tally.p2p.gossip.Rpc.IWant;
import io.tally.p2p.gossip.Rpc.Message;
import io.tally.p2p.gossip.Rpc.Prune;
import io.tally.p2p.gossip.Rpc.SubOpts;
import io.tally.p2p.wire.DecodeException;
import io.tally.p2p.wire.Proto;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written protobuf codec for the pubsub RPC. Decoding bounds every repeated field, so a
 * hostile RPC cannot make us build huge lists from a small buffer of tiny entries.
 */
public final class RpcCodec {
    static final int MAX_SUBSCRIPTIONS = 1024;
    static final int MAX_MESSAGES = 1024;
    static final int MAX_CONTROL_ENTRIES = 1024;
    static final int MAX_IDS = 5000;
    static final int MAX_TOPIC_BYTES = 256;

    private RpcCodec() {}

    public static byte[] encode(Rpc rpc) {
        Proto.Writer w = new Proto.Writer();
        for (SubOpts s : rpc.subscriptions()) {
            w.bytes(1, new Proto.Writer().bool(1, s.subscribe()).string(2, s.topic()).toByteArray());
        }
        for (Message m : rpc.publish()) {
            w.bytes(2, encodeMessage(m, true));
        }
        if (rpc.control() != null && !rpc.control().isEmpty()) {
            w.bytes(3, encodeControl(rpc.control()));
        }
        return w.toByteArray();
    }

    /** Fields 1–4 in order, plus signature and key when {@code full}: the signed form omits those two. */
    public static byte[] encodeMessage(Message m, boolean full) {
        Proto.Writer w = new Proto.Writer();
        if (m.from() != null) {
            w.bytes(1, m.from());
        }
        if (m.data() != null) {
            w.bytes(2, m.data());
        }
        if (m.seqno() != null) {
            w.bytes(3, m.seqno());
        }
        w.string(4, m.topic());
        if (full && m.signature() != null) {
            w.bytes(5, m.signature());
        }
        if (full && m.key() != null) {
            w.bytes(6, m.key());
        }
        return w.toByteArray();
    }

    private static byte[] encodeControl(Control c) {
        Proto.Writer w = new Proto.Writer();
        for (IHave ih : c.ihave()) {
            Proto.Writer x = new Proto.Writer().string(1, ih.topic());
            for (byte[] id : ih.messageIds()) {
                x.bytes(2, id);
            }
            w.bytes(1, x.toByteArray());
        }
        for (IWant iw : c.iwant()) {
            Proto.Writer x = new Proto.Writer();
            for (byte[] id : iw.messageIds()) {
                x.bytes(1, id);
            }
            w.bytes(2, x.toByteArray());
        }
        for (Graft g : c.graft()) {
            w.bytes(3, new Proto.Writer().string(1, g.topic()).toByteArray());
        }
        for (Prune p : c.prune()) {
            Proto.Writer x = new Proto.Writer().string(1, p.topic());
            if (p.backoffSeconds() >= 0) {
                x.uint64(3, p.backoffSeconds());
            }
            w.bytes(4, x.toByteArray());
        }
        return w.toByteArray();
    }

    public static Rpc decode(byte[] bytes) {
        List<SubOpts> subs = new ArrayList<>();
        List<Message> msgs = new ArrayList<>();
        Control control = null;
        Proto.Reader r = new Proto.Reader(bytes);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    subs.add(decodeSubOpts(r.bytes()));
                    bound(subs.size(), MAX_SUBSCRIPTIONS, "subscriptions");
                }
                case 2 -> {
                    msgs.add(decodeMessage(r.bytes()));
                    bound(msgs.size(), MAX_MESSAGES, "messages");
                }
                case 3 -> control = merge(control, decodeControl(r.bytes()));
                default -> r.skip();
            }
        }
        return new Rpc(subs, msgs, control);
    }

    private static SubOpts decodeSubOpts(byte[] b) {
        boolean subscribe = false;
        String topic = null;
        Proto.Reader r = new Proto.Reader(b);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> subscribe = r.bool();
                case 2 -> topic = topic(r);
                default -> r.skip();
            }
        }
        if (topic == null) {
            throw new DecodeException("subscription without topic");
        }
        return new SubOpts(subscribe, topic);
    }

    public static Message decodeMessage(byte[] b) {
        byte[] from = null;
        byte[] data = null;
        byte[] seqno = null;
        String topic = null;
        byte[] sig = null;
        byte[] key = null;
        Proto.Reader r = new Proto.Reader(b);
        while (r.next()) {
            switch (r.field()) {
                case 1 -> from = r.bytes();
                case 2 -> data = r.bytes();
                case 3 -> seqno = r.bytes();
                case 4 -> topic = topic(r);
                case 5 -> sig = r.bytes();
                case 6 -> key = r.bytes();
                default -> r.skip();
            }
        }
        if (topic == null) {
            throw new DecodeException("message without topic");
        }
        return new Message(from, data, seqno, topic, sig, key);
    }

    private static Control decodeControl(byte[] b) {
        List<IHave> ihave = new ArrayList<>();
        List<IWant> iwant = new ArrayList<>();
        List<Graft> graft = new ArrayList<>();
        List<Prune> prune = new ArrayList<>();
        Proto.Reader r = new Proto.Reader(b);
        int entries = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    String topic = null;
                    List<byte[]> ids = new ArrayList<>();
                    Proto.Reader x = new Proto.Reader(r.bytes());
                    while (x.next()) {
                        switch (x.field()) {
                            case 1 -> topic = topic(x);
                            case 2 -> ids.add(messageId(x));
                            default -> x.skip();
                        }
                        bound(ids.size(), MAX_IDS, "IHAVE ids");
                    }
                    ihave.add(new IHave(topic == null ? "" : topic, ids));
                }
                case 2 -> {
                    List<byte[]> ids = new ArrayList<>();
                    Proto.Reader x = new Proto.Reader(r.bytes());
                    while (x.next()) {
                        if (x.field() == 1) {
                            ids.add(messageId(x));
                        } else {
                            x.skip();
                        }
                        bound(ids.size(), MAX_IDS, "IWANT ids");
                    }
                    iwant.add(new IWant(ids));
                }
                case 3 -> {
                    String topic = null;
                    Proto.Reader x = new Proto.Reader(r.bytes());
                    while (x.next()) {
                        if (x.field() == 1) {
                            topic = topic(x);
                        } else {
                            x.skip();
                        }
                    }
                    if (topic != null) {
                        graft.add(new Graft(topic));
                    }
                }
                case 4 -> {
                    String topic = null;
                    long backoff = -1;
                    Proto.Reader x = new Proto.Reader(r.bytes());
                    while (x.next()) {
                        switch (x.field()) {
                            case 1 -> topic = topic(x);
                            case 3 -> backoff = x.uint64();
                            default -> x.skip();
                        }
                    }
                    if (topic != null) {
                        prune.add(new Prune(topic, backoff < 0 ? -1 : Math.min(backoff, 24 * 3600)));
                    }
                }
                default -> r.skip();
            }
            bound(++entries, MAX_CONTROL_ENTRIES, "control entries");
        }
        return new Control(ihave, iwant, graft, prune);
    }

    private static Control merge(Control a, Control b) {
        if (a == null) {
            return b;
        }
        List<IHave> ih = new ArrayList<>(a.ihave());
        ih.addAll(b.ihave());
        List<IWant> iw = new ArrayList<>(a.iwant());
        iw.addAll(b.iwant());
        List<Graft> g = new ArrayList<>(a.graft());
        g.addAll(b.graft());
        List<Prune> p = new ArrayList<>(a.prune());
        p.addAll(b.prune());
        bound(ih.size() + iw.size() + g.size() + p.size(), MAX_CONTROL_ENTRIES, "control entries");
        return new Control(ih, iw, g, p);
    }

    private static String topic(Proto.Reader r) {
        String t = r.string();
        if (t.length() > MAX_TOPIC_BYTES) {
            throw new DecodeException("topic longer than " + MAX_TOPIC_BYTES);
        }
        return t;
    }

    private static byte[] messageId(Proto.Reader r) {
        byte[] id = r.bytes();
        if (id.length > 128) {
            throw new DecodeException("message id longer than 128 bytes");
        }
        return id;
    }

    private static void bound(int n, int max, String what) {
        if (n > max) {
            throw new DecodeException("too many " + what + " (> " + max + ")");
        }
    }
}
