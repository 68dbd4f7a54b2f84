package io.tally.rpc.port;

/** Height, peers and sync state, for {@code tally_nodeStatus} and {@code /ready}. */
@FunctionalInterface
public interface NodeStatusQuery {
    NodeStatus status();
}
