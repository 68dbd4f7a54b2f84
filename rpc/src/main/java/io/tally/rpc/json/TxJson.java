package io.tally.rpc.json;

import static io.tally.rpc.json.JsonValues.field;
import static io.tally.rpc.json.JsonValues.hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.ledger.codec.DecodeException;
import io.tally.ledger.tx.RecordPayload;
import io.tally.ledger.tx.Transaction;
import io.tally.ledger.tx.TransactionCodec;
import io.tally.ledger.tx.TransferPayload;

/**
 * A transaction as JSON: {@code hash, raw, chainId, type, sender, senderAddress, nonce, payload,
 * signature}. {@code raw} (the canonical signed encoding) is authoritative; the other fields are
 * for people and must agree with it.
 */
public final class TxJson {
    private TxJson() {}

    public static ObjectNode toJson(Transaction tx) {
        ObjectNode o = JsonValues.object();
        o.put("hash", tx.hash().toHex());
        o.put("raw", hex(tx.encoded()));
        o.put("chainId", tx.chainId());
        o.put("type", tx.type().name());
        o.put("sender", tx.sender().toHex());
        o.put("senderAddress", tx.senderAddress().toString());
        o.put("nonce", Long.toString(tx.nonce()));
        o.set("payload", payloadJson(tx));
        o.put("signature", tx.signature().toHex());
        return o;
    }

    private static ObjectNode payloadJson(Transaction tx) {
        ObjectNode p = JsonValues.object();
        switch (tx.type()) {
            case TRANSFER -> {
                TransferPayload t = (TransferPayload) tx.payload();
                p.put("to", t.to().toString());
                p.put("amount", Long.toString(t.amount()));
            }
            case RECORD -> {
                RecordPayload r = (RecordPayload) tx.payload();
                p.put("key", hex(r.key()));
                p.put("value", hex(r.value()));
            }
        }
        return p;
    }

    /**
     * Decodes {@code raw} strictly and checks that every other field present agrees with it.
     * Does not verify the signature (call {@link Transaction#verifySignature()}).
     */
    public static Transaction fromJson(JsonNode o) throws JsonFormatException {
        byte[] raw = JsonValues.bytes(o, "raw");
        Transaction tx;
        try {
            tx = TransactionCodec.decode(raw);
        } catch (DecodeException e) {
            throw new JsonFormatException("field 'raw' is not a valid transaction: " + e.getMessage());
        }
        if (!toJson(tx).equals(withoutUnknown(o))) {
            throw new JsonFormatException("transaction fields disagree with its raw encoding " + tx.hash());
        }
        return tx;
    }

    // Compares only the documented fields, so a newer server may add fields without breaking clients.
    private static ObjectNode withoutUnknown(JsonNode o) throws JsonFormatException {
        ObjectNode known = JsonValues.object();
        for (String f : new String[] {"hash", "raw", "chainId", "type", "sender", "senderAddress", "nonce", "payload",
                "signature"}) {
            known.set(f, field(o, f));
        }
        return known;
    }
}
