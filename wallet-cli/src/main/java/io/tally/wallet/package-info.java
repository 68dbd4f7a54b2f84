/**
 * The Tally wallet command line ({@link io.tally.wallet.WalletCli}). Subpackages: {@code keystore}
 * (EIP-2335 files), {@code rpc} (JSON-RPC client, untrusted views), {@code verify} (pure checks of
 * node answers against a trust anchor), {@code cli} (picocli commands). Depends on crypto, ledger
 * (values, codecs, proofs; never its storage) and genesis (reading the trusted file). Single-threaded.
 */
package io.tally.wallet;
