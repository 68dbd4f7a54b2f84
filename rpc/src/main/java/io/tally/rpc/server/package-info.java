/**
 * The HTTP and WebSocket front end on Javalin: {@link io.tally.rpc.server.RpcServer} with its
 * {@link io.tally.rpc.server.RpcConfig}, request guards (host allowlist, CORS, content type, body
 * limit also for chunked bodies), the subscription hub for {@code /ws}, and the operations
 * endpoints ({@code /health}, {@code /ready}, {@code /metrics}). Depends on {@code jsonrpc},
 * {@code method}, {@code port} and {@code json}; nothing outside this package knows Javalin.
 */
package io.tally.rpc.server;
