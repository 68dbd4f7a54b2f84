package io.tally.ledger.block;

/** A commit certificate that does not prove its block was committed by a quorum of the validator set. */
public final class InvalidCertificateException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidCertificateException(String message) {
        super(message, null, false, false);
    }
}
