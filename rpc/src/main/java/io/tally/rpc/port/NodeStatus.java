package io.tally.rpc.port;

/**
 * The node's own view of its health.
 *
 * @param quorumConnected connected to enough validators (including itself) to form a quorum
 */
public record NodeStatus(long height, int peers, boolean syncing, boolean quorumConnected) {}
