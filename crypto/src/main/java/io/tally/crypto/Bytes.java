package io.tally.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers for byte arrays: hex, constant-time comparison, defensive copies. */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Parses lower- or upper-case hex, with an optional {@code 0x} prefix.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static byte[] fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is missing");
        }
        String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits");
        }
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex string");
        }
    }

    /** Parses hex that must decode to exactly {@code length} bytes. */
    public static byte[] fromHex(String hex, int length, String what) {
        byte[] b = fromHex(hex);
        if (b.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length);
        }
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static byte[] requireLength(byte[] b, int length, String what) {
        if (b == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (b.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length);
        }
        return b.clone();
    }

    /** Lexicographic unsigned comparison, used wherever byte strings need a canonical order. */
    public static int compareUnsigned(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
