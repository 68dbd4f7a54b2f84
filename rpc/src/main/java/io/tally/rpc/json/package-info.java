/**
 * The JSON form of Tally's domain objects, both directions, with no web framework: the server
 * encodes with it and clients (wallet-cli) decode and verify with it. Conventions (docs/rpc.md):
 * bytes as lowercase hex without {@code 0x}; addresses Bech32; balances, amounts and nonces as
 * decimal strings; heights, views and indices as JSON integers.
 *
 * <p>Decoders throw {@link io.tally.rpc.json.JsonFormatException} for anything malformed and never
 * trust a redundant field: a transaction's {@code raw} bytes are authoritative and every other field
 * must agree with them. Depends on Jackson's tree model, crypto and the ledger's value types only.
 * Stateless and thread-safe.
 */
package io.tally.rpc.json;
