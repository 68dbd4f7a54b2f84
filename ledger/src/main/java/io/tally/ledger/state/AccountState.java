package io.tally.ledger.state;

import io.tally.ledger.codec.ByteReader;
import io.tally.ledger.codec.ByteWriter;
import io.tally.ledger.codec.DecodeException;

/**
 * An account: balance in base units and the nonce its next transaction must carry. Canonical
 * value bytes: {@code u64 balance || u64 nonce}, both below 2^63. An account that was never touched
 * reads as {@link #EMPTY} and is absent from the state tree.
 */
public record AccountState(long balance, long nonce) {
    public static final AccountState EMPTY = new AccountState(0, 0);
    public static final int ENCODED_LENGTH = 16;

    public AccountState {
        if (balance < 0 || nonce < 0) {
            throw new IllegalArgumentException("balance and nonce must be non-negative");
        }
    }

    /** A copy with {@code amount} added. @throws ArithmeticException on overflow past 2^63-1 */
    public AccountState credit(long amount) {
        return new AccountState(Math.addExact(balance, checkAmount(amount)), nonce);
    }

    /** A copy with {@code amount} removed. @throws ArithmeticException if the balance is too small */
    public AccountState debit(long amount) {
        checkAmount(amount);
        if (amount > balance) {
            throw new ArithmeticException("balance " + balance + " is less than " + amount);
        }
        return new AccountState(balance - amount, nonce);
    }

    /** A copy with the nonce advanced by one. @throws ArithmeticException at 2^63-1 */
    public AccountState nextNonce() {
        return new AccountState(balance, Math.addExact(nonce, 1));
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).u63(balance).u63(nonce).toByteArray();
    }

    public static AccountState decode(byte[] bytes) throws DecodeException {
        ByteReader r = new ByteReader(bytes);
        AccountState a = new AccountState(r.u63("balance"), r.u63("nonce"));
        r.finish("account");
        return a;
    }

    private static long checkAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative amount " + amount);
        }
        return amount;
    }
}
