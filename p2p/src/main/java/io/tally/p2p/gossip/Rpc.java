package io.tally.p2p.gossip;

import java.util.List;

/**
 * The pubsub RPC of {@code /meshsub/1.1.0} as records. Optional protobuf fields are nullable so
 * that a received message can be re-encoded exactly as signed (presence matters to signatures).
 */
public record Rpc(List<SubOpts> subscriptions, List<Message> publish, Control control) {
    public Rpc {
        subscriptions = List.copyOf(subscriptions);
        publish = List.copyOf(publish);
    }

    public static Rpc ofSubscriptions(List<SubOpts> subs) {
        return new Rpc(subs, List.of(), null);
    }

    public static Rpc ofMessages(List<Message> messages) {
        return new Rpc(List.of(), messages, null);
    }

    public static Rpc ofControl(Control control) {
        return new Rpc(List.of(), List.of(), control);
    }

    public boolean isEmpty() {
        return subscriptions.isEmpty() && publish.isEmpty() && (control == null || control.isEmpty());
    }

    /** Subscribe or unsubscribe announcement. */
    public record SubOpts(boolean subscribe, String topic) {}

    /** A pubsub message; {@code from}, {@code seqno}, {@code signature}, {@code key} may be null. */
    public record Message(byte[] from, byte[] data, byte[] seqno, String topic, byte[] signature, byte[] key) {}

    /** Gossipsub control messages (IDONTWANT of v1.2 is parsed past and ignored). */
    public record Control(List<IHave> ihave, List<IWant> iwant, List<Graft> graft, List<Prune> prune) {
        public Control {
            ihave = List.copyOf(ihave);
            iwant = List.copyOf(iwant);
            graft = List.copyOf(graft);
            prune = List.copyOf(prune);
        }

        public boolean isEmpty() {
            return ihave.isEmpty() && iwant.isEmpty() && graft.isEmpty() && prune.isEmpty();
        }
    }

    public record IHave(String topic, List<byte[]> messageIds) {
        public IHave {
            messageIds = List.copyOf(messageIds);
        }
    }

    public record IWant(List<byte[]> messageIds) {
        public IWant {
            messageIds = List.copyOf(messageIds);
        }
    }

    public record Graft(String topic) {}

    /** {@code backoffSeconds} is -1 when absent. Peer exchange entries are parsed past, never used. */
    public record Prune(String topic, long backoffSeconds) {}
}
