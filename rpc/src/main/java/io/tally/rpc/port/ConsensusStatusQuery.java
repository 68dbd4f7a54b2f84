package io.tally.rpc.port;

/** A read-only snapshot of consensus progress, published by the consensus driver. */
@FunctionalInterface
public interface ConsensusStatusQuery {
    ConsensusStatus status();
}
