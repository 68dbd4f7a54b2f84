package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.ledger.tx.Transaction;
import java.util.Objects;

/**
 * The answer of {@code tally_getTransaction}. For committed and failed transactions every field is
 * set; for pending ones only {@code transaction}; for unknown ones none. JSON:
 * {@code {hash, status, transaction?, blockHeight?, blockHash?, receipt?, proof?}}.
 */
public record TxLookup(Hash hash, TxStatus status, Transaction transaction, long blockHeight, Hash blockHash,
        Receipt receipt, InclusionProof proof) {

    public TxLookup {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(status, "status");
        boolean inBlock = status == TxStatus.COMMITTED || status == TxStatus.FAILED;
        if (inBlock && (transaction == null || blockHash == null || receipt == null || proof == null)) {
            throw new IllegalArgumentException("a committed transaction needs its block, receipt and proof");
        }
    }

    public static TxLookup unknown(Hash hash) {
        return new TxLookup(hash, TxStatus.UNKNOWN, null, -1, null, null, null);
    }

    public static TxLookup pending(Transaction tx) {
        return new TxLookup(tx.hash(), TxStatus.PENDING, tx, -1, null, null, null);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("hash", hash.toHex());
        o.put("status", status.json());
        if (transaction != null) {
            o.set("transaction", TxJson.toJson(transaction));
        }
        if (blockHash != null) {
            o.put("blockHeight", blockHeight);
            o.put("blockHash", blockHash.toHex());
            o.set("receipt", receipt.toJson());
            o.set("proof", proof.toJson());
        }
        return o;
    }

    /** Decodes and checks internal consistency (the transaction's hash is the one asked about). */
    public static TxLookup fromJson(JsonNode o) throws JsonFormatException {
        Hash hash = JsonValues.hash(o, "hash");
        TxStatus status = TxStatus.fromJson(JsonValues.text(o, "status"));
        Transaction tx = o.has("transaction") ? TxJson.fromJson(o.get("transaction")) : null;
        if (tx != null && !tx.hash().equals(hash)) {
            throw new JsonFormatException("transaction does not have the requested hash");
        }
        if (status == TxStatus.COMMITTED || status == TxStatus.FAILED) {
            Receipt r = Receipt.fromJson(JsonValues.field(o, "receipt"));
            if (!r.txHash().equals(hash) || r.success() != (status == TxStatus.COMMITTED)) {
                throw new JsonFormatException("receipt disagrees with the transaction status");
            }
            if (tx == null) {
                throw new JsonFormatException("missing field 'transaction'");
            }
            return new TxLookup(hash, status, tx, JsonValues.unsigned(o, "blockHeight"), JsonValues.hash(o, "blockHash"),
                r, InclusionProof.fromJson(JsonValues.field(o, "proof")));
        }
        return new TxLookup(hash, status, tx, -1, null, null, null);
    }
}
