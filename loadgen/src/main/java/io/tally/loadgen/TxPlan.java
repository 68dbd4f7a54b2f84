package io.tally.loadgen;

import io.tally.crypto.Address;
import io.tally.crypto.Bytes;
import io.tally.crypto.KeyPair;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransferPayload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every transfer of a run, signed up front so signing never competes with the nodes for CPU in
 * the measured window. Transaction {@code i} is sent by account {@code i % A} with nonce
 * {@code i / A} to the next account, so sending in index order keeps each account's nonces in
 * order and spreads one account's transactions {@code A} positions apart (few in flight each).
 */
final class TxPlan {
    private final byte[][] raw;
    private final Map<String, Integer> indexByHash;

    private TxPlan(byte[][] raw, Map<String, Integer> indexByHash) {
        this.raw = raw;
        this.indexByHash = indexByHash;
    }

    static TxPlan sign(List<KeyPair> keys, String chainId, int count) {
        int a = keys.size();
        Address[] addresses = keys.stream().map(KeyPair::address).toArray(Address[]::new);
        byte[][] raw = new byte[count][];
        String[] hashes = new String[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            int sender = i % a;
            Transaction tx = Transaction.sign(keys.get(sender), chainId, i / a,
                new TransferPayload(addresses[(sender + 1) % a], 1));
            raw[i] = tx.encoded();
            hashes[i] = tx.hash().toHex();
        });
        Map<String, Integer> index = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            index.put(hashes[i], i);
        }
        return new TxPlan(raw, index);
    }

    int size() {
        return raw.length;
    }

    int encodedLength(int i) {
        return raw[i].length;
    }

    byte[] raw(int i) {
        return raw[i].clone();
    }

    String rawHex(int i) {
        return Bytes.toHex(raw[i]);
    }

    /** The plan index of a transaction hash (lowercase hex), or -1 if it is not one of ours. */
    int indexOf(String hashHex) {
        Integer i = indexByHash.get(hashHex);
        return i == null ? -1 : i;
    }
}
