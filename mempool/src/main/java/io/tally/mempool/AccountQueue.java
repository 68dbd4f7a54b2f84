package io.tally.mempool;

import java.util.TreeMap;

/** One sender's pending transactions by nonce, with their total size. Guarded by the pool's lock. */
final class AccountQueue {
    final TreeMap<Long, PendingTx> byNonce = new TreeMap<>();
    long bytes;

    void add(PendingTx p) {
        byNonce.put(p.tx().nonce(), p);
        bytes += p.tx().encodedLength();
    }

    void remove(PendingTx p) {
        if (byNonce.remove(p.tx().nonce(), p)) {
            bytes -= p.tx().encodedLength();
        }
    }

    boolean isEmpty() {
        return byNonce.isEmpty();
    }
}
