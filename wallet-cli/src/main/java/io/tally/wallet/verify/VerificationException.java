package io.tally.wallet.verify;

import io.tally.wallet.WalletException;

/**
 * The node's answer does not check out against the trusted validator set: a bad certificate, a
 * bad proof, or data that contradicts itself. The CLI prints {@code VERIFICATION FAILED: ...}.
 */
public final class VerificationException extends WalletException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }
}
