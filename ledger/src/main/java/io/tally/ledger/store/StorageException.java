package io.tally.ledger.store;

/**
 * The store could not do what was asked: it cannot be opened (locked, corrupt, wrong schema or
 * genesis), it is closed, or the disk failed. The message is meant for an operator.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
