/**
 * The node's JSON-RPC (docs/rpc.md) as seen by the wallet: {@link io.tally.wallet.rpc.NodeApi}
 * and its HTTP implementation. Every parsed answer is an untrusted view; deciding whether to
 * believe it is {@code io.tally.wallet.verify}'s job. Responses are size-capped and parsed strictly.
 */
package io.tally.wallet.rpc;
