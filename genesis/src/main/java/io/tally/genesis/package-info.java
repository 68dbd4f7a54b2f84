/**
 * Genesis files, validator key files and node configs, and the {@code genesis} command line that
 * creates and checks them (see docs/genesis.md).
 *
 * <p>{@link io.tally.genesis.Genesis} is the value a node starts a chain from; its
 * {@link io.tally.genesis.Genesis#hash() hash} is the chain's identity. Readers
 * ({@link io.tally.genesis.GenesisJson}, {@link io.tally.genesis.NodeConfigJson},
 * {@link io.tally.genesis.NodeKeyFile}) are strict and report every problem with its JSON path in
 * an {@link io.tally.genesis.InvalidFileException}.
 *
 * <p>Depends on {@code io.tally.crypto}, {@code io.tally.ledger} (codec and validator set),
 * Jackson and picocli; never on p2p, consensus or node. Everything here is immutable or
 * stateless, hence thread-safe, except the command classes, which run once.
 */
package io.tally.genesis;
