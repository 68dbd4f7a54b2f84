package io.tally.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP-173) text encoding. Its BCH checksum detects any error in up to four characters, so
 * a mistyped address is rejected instead of sending funds to a stranger.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int MAX_LENGTH = 90;

    /** A decoded string: human-readable part and the 8-bit data. */
    public record Decoded(String hrp, byte[] data) {}

    private Bech32() {}

    public static String encode(String hrp, byte[] data) {
        byte[] values = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(hrp, values);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6);
        sb.append(hrp).append('1');
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (byte v : checksum) {
            sb.append(CHARSET.charAt(v));
        }
        return sb.toString();
    }

    /**
     * Decodes a Bech32 string.
     *
     * @throws IllegalArgumentException naming what is wrong (length, mixed case, character, checksum)
     */
    public static Decoded decode(String s) {
        Values v = decodeValues(s);
        return new Decoded(v.hrp(), convertBits(v.values(), 5, 8, false));
    }

    /** The human-readable part and the 5-bit data values, checksum verified and removed. */
    record Values(String hrp, byte[] values) {}

    static Values decodeValues(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty string");
        }
        if (s.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long for bech32");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character at position " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixed upper and lower case");
        }
        String str = s.toLowerCase(Locale.ROOT);
        int sep = str.lastIndexOf('1');
        if (sep < 1 || sep + 7 > str.length()) {
            throw new IllegalArgumentException("missing separator or checksum");
        }
        String hrp = str.substring(0, sep);
        byte[] values = new byte[str.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(str.charAt(sep + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid character '" + str.charAt(sep + 1 + i) + "'");
            }
            values[i] = (byte) v;
        }
        if (polymod(expand(hrp, values)) != 1) {
            throw new IllegalArgumentException("checksum mismatch (mistyped?)");
        }
        byte[] payload = new byte[values.length - 6];
        System.arraycopy(values, 0, payload, 0, payload.length);
        return new Values(hrp, payload);
    }

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) == 1) {
                    chk ^= GENERATOR[i];
                }
            }
        }
        return chk;
    }

    private static byte[] expand(String hrp, byte[] values) {
        int n = hrp.length();
        byte[] out = new byte[n * 2 + 1 + values.length];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (hrp.charAt(i) >>> 5);
            out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
        }
        System.arraycopy(values, 0, out, 2 * n + 1, values.length);
        return out;
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] e = expand(hrp, values);
        byte[] padded = new byte[e.length + 6];
        System.arraycopy(e, 0, padded, 0, e.length);
        int mod = polymod(padded) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return out;
    }

    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("invalid data value");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("invalid padding");
        }
        return out.toByteArray();
    }
}
