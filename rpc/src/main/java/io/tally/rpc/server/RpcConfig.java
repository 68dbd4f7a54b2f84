package io.tally.rpc.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the RPC server. Every limit bounds memory or threads a client can claim.
 *
 * @param host interface to bind (127.0.0.1 unless the node is meant to be reachable)
 * @param port TCP port; 0 picks a free one (tests), see {@link RpcServer#port()}
 * @param maxBodyBytes largest request body, with or without Content-Length (413 beyond)
 * @param maxBatch most requests in one batch
 * @param maxConnections most open HTTP and WebSocket connections; more wait in the accept queue
 * @param maxWsClients most WebSocket connections
 * @param maxSubscriptionsPerClient most subscriptions per WebSocket connection
 * @param wsSendBuffer most messages queued to one WebSocket client before its subscriptions are
 *     dropped with a notice
 * @param corsOrigins browser origins allowed to call (exact match, or "*")
 * @param allowedHosts accepted Host header names (without port), or "*"
 * @param requestTimeout deadline of one request (or batch), and the connection idle timeout
 * @param headPollInterval how often the subscription hub checks for new blocks when not told
 */
public record RpcConfig(String host, int port, int maxBodyBytes, int maxBatch, int maxConnections, int maxWsClients,
        int maxSubscriptionsPerClient, int wsSendBuffer, List<String> corsOrigins, List<String> allowedHosts,
        Duration requestTimeout, Duration headPollInterval) {

    public RpcConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        positive(maxBodyBytes, "maxBodyBytes");
        positive(maxBatch, "maxBatch");
        positive(maxConnections, "maxConnections");
        positive(maxWsClients, "maxWsClients");
        positive(maxSubscriptionsPerClient, "maxSubscriptionsPerClient");
        positive(wsSendBuffer, "wsSendBuffer");
        corsOrigins = List.copyOf(corsOrigins);
        allowedHosts = List.copyOf(allowedHosts);
        if (requestTimeout.isNegative() || requestTimeout.isZero() || headPollInterval.isNegative()
                || headPollInterval.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static RpcConfig defaults() {
        return new RpcConfig("127.0.0.1", 8545, 5 << 20, 1000, 512, 100, 16, 256, List.of(),
            List.of("localhost", "127.0.0.1"), Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    /** The bind address and port (port 0 = any free port). */
    public RpcConfig withAddress(String h, int p) {
        return new RpcConfig(h, p, maxBodyBytes, maxBatch, maxConnections, maxWsClients, maxSubscriptionsPerClient,
            wsSendBuffer, corsOrigins, allowedHosts, requestTimeout, headPollInterval);
    }

    public RpcConfig withPort(int p) {
        return withAddress(host, p);
    }

    public RpcConfig withLimits(int body, int batch, int wsClients, int subsPerClient, int sendBuffer) {
        return new RpcConfig(host, port, body, batch, maxConnections, wsClients, subsPerClient, sendBuffer, corsOrigins,
            allowedHosts, requestTimeout, headPollInterval);
    }

    public RpcConfig withCors(List<String> origins) {
        return new RpcConfig(host, port, maxBodyBytes, maxBatch, maxConnections, maxWsClients,
            maxSubscriptionsPerClient, wsSendBuffer, origins, allowedHosts, requestTimeout, headPollInterval);
    }

    public RpcConfig withAllowedHosts(List<String> hosts) {
        return new RpcConfig(host, port, maxBodyBytes, maxBatch, maxConnections, maxWsClients,
            maxSubscriptionsPerClient, wsSendBuffer, corsOrigins, hosts, requestTimeout, headPollInterval);
    }

    public RpcConfig withTimeouts(Duration request, Duration headPoll) {
        return new RpcConfig(host, port, maxBodyBytes, maxBatch, maxConnections, maxWsClients,
            maxSubscriptionsPerClient, wsSendBuffer, corsOrigins, allowedHosts, request, headPoll);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }
}
