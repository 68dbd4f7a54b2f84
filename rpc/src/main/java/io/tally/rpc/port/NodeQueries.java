package io.tally.rpc.port;

import java.util.Objects;

/** Every port the RPC reads through, in one value for wiring. */
public record NodeQueries(ChainQuery chain, TxQuery transactions, StateQuery state, NodeStatusQuery node,
        ConsensusStatusQuery consensus, EvidenceQuery evidence, TxSubmitter submitter) {
    public NodeQueries {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(submitter, "submitter");
    }
}
