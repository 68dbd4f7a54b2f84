package io.tally.ledger.store;

/** Helpers for byte-string ranges. */
public final class KeyRanges {
    private KeyRanges() {}

    /**
     * The smallest key greater than every key starting with {@code prefix}, or {@code null} when
     * there is none (the prefix is all 0xff bytes, so the range runs to the end).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
