/**
 * The JSON-RPC methods, one class each, registered by {@link io.tally.rpc.method.TallyMethods}. Each
 * reads through the ports of {@code io.tally.rpc.port} and encodes with {@code io.tally.rpc.json}.
 * Stateless and thread-safe.
 */
package io.tally.rpc.method;
