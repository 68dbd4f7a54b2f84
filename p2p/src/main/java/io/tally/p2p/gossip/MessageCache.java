package io.tally.p2p.gossip;

import io.tally.p2p.gossip.Rpc.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gossipsub message cache: {@code length} heartbeat windows of recent messages (served on
 * IWANT), of which the newest {@code gossip} windows are advertised in IHAVE. Bounded by a byte
 * budget too, oldest first. Single-threaded.
 */
final class MessageCache {
    private record Entry(Message message, int bytes) {}

    private final int gossipWindows;
    private final long maxBytes;
    private final ArrayDeque<List<MessageKey>> windows = new ArrayDeque<>();
    private final Map<MessageKey, Entry> messages = new HashMap<>();
    private long bytes;

    MessageCache(int length, int gossipWindows, long maxBytes) {
        this.gossipWindows = gossipWindows;
        this.maxBytes = maxBytes;
        for (int i = 0; i < length; i++) {
            windows.add(new ArrayList<>());
        }
    }

    void put(MessageKey id, Message m) {
        if (messages.containsKey(id)) {
            return;
        }
        int size = m.data() == null ? 0 : m.data().length;
        messages.put(id, new Entry(m, size));
        windows.peekFirst().add(id);
        bytes += size;
        while (bytes > maxBytes && evictOldestOne()) {
            // keep evicting until within budget
        }
    }

    Message get(MessageKey id) {
        Entry e = messages.get(id);
        return e == null ? null : e.message();
    }

    /** Ids in the newest gossip windows for a topic, newest first. */
    List<byte[]> gossipIds(String topic) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        for (List<MessageKey> w : windows) {
            if (i++ >= gossipWindows) {
                break;
            }
            for (MessageKey k : w) {
                Entry e = messages.get(k);
                if (e != null && e.message().topic().equals(topic)) {
                    out.add(k.id());
                }
            }
        }
        return out;
    }

    /** Called each heartbeat: a new window opens and the oldest is dropped. */
    void shift() {
        List<MessageKey> oldest = windows.pollLast();
        for (MessageKey k : oldest) {
            Entry e = messages.remove(k);
            if (e != null) {
                bytes -= e.bytes();
            }
        }
        windows.addFirst(new ArrayList<>());
    }

    private boolean evictOldestOne() {
        Iterator<List<MessageKey>> it = windows.descendingIterator();
        while (it.hasNext()) {
            List<MessageKey> w = it.next();
            if (!w.isEmpty()) {
                Entry e = messages.remove(w.remove(0));
                if (e != null) {
                    bytes -= e.bytes();
                }
                return true;
            }
        }
        return false;
    }

    int size() {
        return messages.size();
    }
}
