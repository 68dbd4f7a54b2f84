package io.tally.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import io.tally.crypto.Hash;
import io.tally.ledger.block.Block;
import io.tally.ledger.tx.Transaction;
import io.tally.rpc.json.InclusionProof;
import io.tally.rpc.json.TxLookup;
import io.tally.rpc.json.TxStatus;
import io.tally.rpc.jsonrpc.ParamSpec;
import io.tally.rpc.jsonrpc.ParamType;
import io.tally.rpc.jsonrpc.Params;
import io.tally.rpc.jsonrpc.RpcException;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.port.ChainQuery;
import io.tally.rpc.port.CommittedTx;
import io.tally.rpc.port.TxQuery;
import io.tally.rpc.port.TxSubmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code tally_getTransaction}: status, receipt, block and inclusion proof of a transaction hash. */
public final class GetTransactionMethod implements RpcMethod {
    private final ChainQuery chain;
    private final TxQuery txs;
    private final TxSubmitter pool;

    public GetTransactionMethod(ChainQuery chain, TxQuery txs, TxSubmitter pool) {
        this.chain = chain;
        this.txs = txs;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "tally_getTransaction";
    }

    @Override
    public String summary() {
        return "A transaction's status (pending, committed, failed, unknown), receipt, block and inclusion proof.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.required("hash", ParamType.HASH, "transaction hash"));
    }

    @Override
    public String resultDescription() {
        return "{hash, status, transaction?, blockHeight?, blockHash?, receipt?, proof{index, count, path}?}";
    }

    @Override
    public JsonNode call(Params p) throws RpcException {
        return lookup(p.hash("hash")).toJson();
    }

    /** Shared with the WebSocket txStatus subscription. */
    public TxLookup lookup(Hash hash) throws RpcException {
        Optional<CommittedTx> committed = txs.committed(hash);
        if (committed.isPresent()) {
            CommittedTx c = committed.get();
            Block block = chain.blockByHeight(c.height())
                .orElseThrow(() -> new IllegalStateException("indexed transaction " + hash + " has no block"));
            return committedLookup(block, c);
        }
        Optional<Transaction> pending = pool.pending(hash);
        if (pending.isPresent()) {
            return TxLookup.pending(pending.get());
        }
        return TxLookup.unknown(hash);
    }

    static TxLookup committedLookup(Block block, CommittedTx c) {
        List<Hash> hashes = new ArrayList<>(block.transactions().size());
        for (Transaction t : block.transactions()) {
            hashes.add(t.hash());
        }
        TxStatus status = c.receipt().success() ? TxStatus.COMMITTED : TxStatus.FAILED;
        return new TxLookup(c.tx().hash(), status, c.tx(), c.height(), c.blockHash(), c.receipt(),
            InclusionProof.of(hashes, c.index()));
    }
}
