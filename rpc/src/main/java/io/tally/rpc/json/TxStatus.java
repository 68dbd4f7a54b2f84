package io.tally.rpc.json;

import java.util.Locale;

/** What a node knows about a transaction hash. JSON: the lowercase name. */
public enum TxStatus {
    /** In this node's mempool. */
    PENDING,
    /** In a committed block and executed successfully. */
    COMMITTED,
    /** In a committed block, but its execution failed. */
    FAILED,
    /** Neither pending nor committed on this node. */
    UNKNOWN;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TxStatus fromJson(String s) throws JsonFormatException {
        for (TxStatus t : values()) {
            if (t.json().equals(s)) {
                return t;
            }
        }
        throw new JsonFormatException("unknown transaction status '" + s + "'");
    }
}
