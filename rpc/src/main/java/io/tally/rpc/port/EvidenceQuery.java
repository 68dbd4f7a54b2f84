package io.tally.rpc.port;

import java.util.List;

/** Evidence of misbehaviour stored by the node, by height. */
@FunctionalInterface
public interface EvidenceQuery {
    /** At most {@code limit} entries with height at least {@code fromHeight}, in height order. */
    List<Evidence> evidence(long fromHeight, int limit);
}
