package io.tally.p2p.gossip;

import java.util.Arrays;

/** A message id usable as a map key. */
record MessageKey(byte[] id) {
    MessageKey {
        id = id.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageKey k && Arrays.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }
}
