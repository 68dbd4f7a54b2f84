package io.tally.ledger.chain;

import io.tally.crypto.Hash;
import io.tally.ledger.exec.Receipt;
import io.tally.ledger.tx.Transaction;

/** A committed transaction, where it is, and its receipt. */
public record TxLookup(Transaction transaction, Receipt receipt, long height, int index, Hash blockHash) {}
