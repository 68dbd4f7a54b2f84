/**
 * The picocli commands. Shared options live in {@link io.tally.wallet.cli.WalletOptions};
 * everything taken from the process (environment, terminal, clock, randomness, poll pacing) comes
 * through {@link io.tally.wallet.cli.WalletEnv} so tests run commands in-process.
 */
package io.tally.wallet.cli;
