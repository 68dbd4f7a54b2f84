package io.tally.ledger.tx;

/** What a transaction does. One implementation per {@link TxType}. */
public sealed interface Payload permits TransferPayload, RecordPayload {
    TxType type();
}
