/**
 * Verification of node answers against a {@link io.tally.wallet.verify.TrustAnchor} (chain id
 * and validator set from a file the user trusts): commit certificates, state proofs, transaction
 * inclusion proofs and block bodies. Pure: no I/O besides reading the trusted file once.
 */
package io.tally.wallet.verify;
