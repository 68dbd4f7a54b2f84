package io.tally.node.consensus;

import io.tally.consensus.Evidence;
import io.tally.ledger.chain.ChainStore;
import io.tally.ledger.codec.ByteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores equivocation evidence reported by the replica. Format (served as hex by
 * {@code tally_getEvidence}): {@code u32 len | first signed message | u32 len | second signed message},
 * each in the consensus wire encoding, so anyone can re-check both signatures.
 */
final class EvidenceRecorder {
    private static final Logger LOG = LoggerFactory.getLogger("evidence");

    private EvidenceRecorder() {}

    static void record(ChainStore chain, Evidence evidence) {
        int sender = evidence.first().sender();
        byte[] bytes = new ByteWriter().bytes32(evidence.first().encode()).bytes32(evidence.second().encode()).toByteArray();
        long height = evidence.first().body().height();
        boolean stored = chain.putEvidence(height, chain.validators().get(sender), bytes);
        LOG.warn("EQUIVOCATION by validator {} at height={} view={} kind={} ({})", sender, height,
            evidence.first().body().view(), evidence.first().body().kind(), stored ? "stored" : "not stored: limit reached");
    }
}
