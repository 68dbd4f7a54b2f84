/**
 * JSON-RPC 2.0 processing independent of the transport: parsing under limits, request validation,
 * the method table with per-method parameter schemas, batches, notifications, error objects, and
 * the OpenRPC document. The HTTP and WebSocket front ends in {@code io.tally.rpc.server} feed bytes
 * in and write bytes out. Thread-safe: one dispatcher serves all request threads.
 */
package io.tally.rpc.jsonrpc;
