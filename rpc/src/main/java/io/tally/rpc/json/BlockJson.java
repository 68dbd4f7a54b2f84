package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.tx.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks as JSON: {@code hash, header{chainId, height, timestampMillis, previousHash, proposer,
 * txRoot, stateRoot, validatorSetHash}, transactionCount} and either {@code transactions} (full) or
 * {@code transactionHashes}. Decoding recomputes the hash from the header and rejects a mismatch.
 */
public final class BlockJson {
    private BlockJson() {}

    public static ObjectNode headerToJson(BlockHeader h) {
        ObjectNode o = JsonValues.object();
        o.put("chainId", h.chainId());
        o.put("height", h.height());
        o.put("timestampMillis", h.timestampMillis());
        o.put("previousHash", h.previousHash().toHex());
        o.put("proposer", h.proposer().toHex());
        o.put("txRoot", h.txRoot().toHex());
        o.put("stateRoot", h.stateRoot().toHex());
        o.put("validatorSetHash", h.validatorSetHash().toHex());
        return o;
    }

    public static BlockHeader headerFromJson(JsonNode o) throws JsonFormatException {
        try {
            return new BlockHeader(JsonValues.text(o, "chainId"), JsonValues.unsigned(o, "height"),
                JsonValues.unsigned(o, "timestampMillis"), JsonValues.hash(o, "previousHash"),
                JsonValues.publicKey(o, "proposer"), JsonValues.hash(o, "txRoot"), JsonValues.hash(o, "stateRoot"),
                JsonValues.hash(o, "validatorSetHash"));
        } catch (IllegalArgumentException e) {
            throw new JsonFormatException("invalid block header: " + e.getMessage());
        }
    }

    public static ObjectNode toJson(Block b, boolean fullTransactions) {
        ObjectNode o = JsonValues.object();
        o.put("hash", b.hash().toHex());
        o.set("header", headerToJson(b.header()));
        o.put("transactionCount", b.transactions().size());
        ArrayNode txs = o.putArray(fullTransactions ? "transactions" : "transactionHashes");
        for (Transaction t : b.transactions()) {
            if (fullTransactions) {
                txs.add(TxJson.toJson(t));
            } else {
                txs.add(t.hash().toHex());
            }
        }
        return o;
    }

    /** A decoded block JSON: the header (hash checked) and whichever transaction form it carried. */
    public record Decoded(BlockHeader header, Hash hash, int transactionCount, List<Transaction> transactions,
            List<Hash> transactionHashes) {
        /** The full block, if transactions were included; its txRoot is checked against the header. */
        public Block toBlock() throws JsonFormatException {
            if (transactions == null) {
                throw new JsonFormatException("block JSON carries only transaction hashes");
            }
            Block b = new Block(header, transactions);
            if (!b.checkTxRoot()) {
                throw new JsonFormatException("transactions do not match the header's txRoot");
            }
            return b;
        }
    }

    public static Decoded fromJson(JsonNode o) throws JsonFormatException {
        BlockHeader header = headerFromJson(JsonValues.field(o, "header"));
        Hash claimed = JsonValues.hash(o, "hash");
        if (!header.hash().equals(claimed)) {
            throw new JsonFormatException("block hash " + claimed + " does not match its header " + header.hash());
        }
        int count = JsonValues.index(o, "transactionCount");
        List<Transaction> txs = null;
        List<Hash> hashes;
        if (o.has("transactions")) {
            JsonNode arr = JsonValues.arrayField(o, "transactions", Block.MAX_TRANSACTIONS);
            txs = new ArrayList<>(arr.size());
            hashes = new ArrayList<>(arr.size());
            for (JsonNode t : arr) {
                Transaction tx = TxJson.fromJson(t);
                txs.add(tx);
                hashes.add(tx.hash());
            }
        } else {
            hashes = JsonValues.hashList(o, "transactionHashes", Block.MAX_TRANSACTIONS);
        }
        if (hashes.size() != count) {
            throw new JsonFormatException("transactionCount " + count + " but " + hashes.size() + " transactions");
        }
        return new Decoded(header, claimed, count, txs == null ? null : List.copyOf(txs), List.copyOf(hashes));
    }
}
