package io.tally.wallet.keystore;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * EIP-2335 password processing: NFKD normalisation, then removal of the C0 (U+0000..U+001F), DEL
 * (U+007F) and C1 (U+0080..U+009F) control codes, then UTF-8. The same password typed on two
 * keyboards (composed or decomposed accents, a stray trailing newline in a password file) thus
 * opens the same keystore.
 */
public final class Password {
    private Password() {}

    public static byte[] encode(char[] password) {
        String nfkd = Normalizer.normalize(java.nio.CharBuffer.wrap(password), Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(nfkd.length());
        for (int i = 0; i < nfkd.length(); i++) {
            char c = nfkd.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                continue;
            }
            kept.append(c);
        }
        return kept.toString().getBytes(StandardCharsets.UTF_8);
    }
}
