package io.tally.rpc.method;

import io.tally.rpc.jsonrpc.MethodTable;
import io.tally.rpc.jsonrpc.RpcMethod;
import java.util.ArrayList;
import java.util.List;
import io.tally.rpc.port.NodeQueries;

/** The method table of the public API (docs/rpc.md), in documentation order. */
public final class TallyMethods {
    private TallyMethods() {}

    public static MethodTable table(NodeQueries q) {
        return table(q, List.of());
    }

    /**
     * @param socketOnly methods that exist only per WebSocket connection (subscriptions); they are
     *     not callable through this table but appear in the {@code rpc.discover} document
     */
    public static MethodTable table(NodeQueries q, List<RpcMethod> socketOnly) {
        MethodTable.Builder b = MethodTable.builder()
            .add(new ChainInfoMethod(q.chain()))
            .add(new GetBlockByHeightMethod(q.chain()))
            .add(new GetBlockByHashMethod(q.chain()))
            .add(new GetLatestBlockMethod(q.chain()))
            .add(new GetCertificateMethod(q.chain()))
            .add(new GetTransactionMethod(q.chain(), q.transactions(), q.submitter()))
            .add(new GetAccountMethod(q.state(), q.submitter()))
            .add(new GetRecordMethod(q.state()))
            .add(new SendRawTransactionMethod(q.chain(), q.submitter()))
            .add(new ValidatorsMethod(q.chain()))
            .add(new NodeStatusMethod(q.node(), q.submitter()))
            .add(new ConsensusStatusMethod(q.consensus()))
            .add(new GetEvidenceMethod(q.evidence()));
        RpcDiscoverMethod discover = new RpcDiscoverMethod();
        b.add(discover);
        MethodTable table = b.build();
        List<RpcMethod> described = new ArrayList<>(table.all());
        described.addAll(socketOnly);
        discover.describe(described);
        return table;
    }
}
