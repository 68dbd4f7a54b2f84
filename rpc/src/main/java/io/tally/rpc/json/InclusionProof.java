package io.tally.rpc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.MerkleTree;
import java.util.List;

/**
 * Where a transaction sits in its block: the RFC 6962 audit path of its hash at {@code index} of
 * {@code count} under the header's txRoot. JSON: {@code {index, count, path[hex]}}.
 */
public record InclusionProof(int index, int count, List<Hash> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }

    /** The proof for item {@code index} of {@code txHashes}. */
    public static InclusionProof of(List<Hash> txHashes, int index) {
        return new InclusionProof(index, txHashes.size(), MerkleTree.proof(txHashes, index));
    }

    public boolean verify(Hash txRoot, Hash txHash) {
        return MerkleTree.verify(txRoot, txHash, index, count, path);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonValues.object();
        o.put("index", index);
        o.put("count", count);
        o.set("path", JsonValues.hashes(path));
        return o;
    }

    public static InclusionProof fromJson(JsonNode o) throws JsonFormatException {
        // A path longer than 64 cannot belong to any list that fits in memory.
        return new InclusionProof(JsonValues.index(o, "index"), JsonValues.index(o, "count"),
            JsonValues.hashList(o, "path", 64));
    }
}
