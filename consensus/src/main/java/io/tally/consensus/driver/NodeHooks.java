package io.tally.consensus.driver;

import io.tally.consensus.Evidence;
import java.util.List;

/**
 * The node's answers to the replica's requests that are not on the commit path: catch-up and
 * evidence. Sync runs elsewhere; when it has applied blocks the node calls
 * {@link ConsensusDriver#chainAdvanced}.
 */
public interface NodeHooks {
    void requestSync(long targetHeight, List<Integer> hintPeers);

    void reportEvidence(Evidence evidence);
}
