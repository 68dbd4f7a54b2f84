/**
 * Typed key-value storage: {@link io.tally.ledger.store.KvStore} with ranged iteration and atomic
 * write batches, a LevelDB implementation ({@link io.tally.ledger.store.LevelDbStore}) and an
 * in-memory twin ({@link io.tally.ledger.store.InMemoryStore}) that pass one contract test suite.
 *
 * <p>Depends only on the JDK and leveldbjni. Thread-safety: every store allows any number of
 * concurrent readers together with one writer committing batches; a batch is atomic for readers
 * (they see all of it or none of it). A {@link io.tally.ledger.store.WriteBatch} or a
 * {@link io.tally.ledger.store.KvIterator} belongs to one thread. The layout of the columns is
 * documented in {@code docs/storage.md}.
 */
package io.tally.ledger.store;
