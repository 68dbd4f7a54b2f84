package io.tally.crypto;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. Every signature in the system covers
 * {@code "tally/v1/" || tag || 0x00 || u8(len(chainId)) || chainId || message}, so a signature
 * made for one purpose or one chain can never be replayed as another.
 */
public enum SignDomain {
    /** A client transaction. */
    TRANSACTION("tx"),
    /** A commit vote; the set of 2f+1 of them over one block is the block's commit certificate. */
    COMMIT("commit"),
    /** Every other consensus message (pre-prepare, prepare, view change, new view). */
    CONSENSUS("consensus"),
    /** Node-to-node statements outside consensus (for example sync responses). */
    NODE("node");

    public static final int MAX_CHAIN_ID_LENGTH = 64;
    private static final byte[] PREFIX = "tally/v1/".getBytes(StandardCharsets.US_ASCII);

    private final byte[] tag;

    SignDomain(String tag) {
        this.tag = tag.getBytes(StandardCharsets.US_ASCII);
    }

    public String tag() {
        return new String(tag, StandardCharsets.US_ASCII);
    }

    /** The exact bytes that are signed for {@code message} in this domain and chain. */
    public byte[] frame(String chainId, byte[] message) {
        byte[] chain = checkChainId(chainId);
        byte[] out = new byte[PREFIX.length + tag.length + 2 + chain.length + message.length];
        int off = 0;
        System.arraycopy(PREFIX, 0, out, off, PREFIX.length);
        off += PREFIX.length;
        System.arraycopy(tag, 0, out, off, tag.length);
        off += tag.length;
        out[off++] = 0;
        out[off++] = (byte) chain.length;
        System.arraycopy(chain, 0, out, off, chain.length);
        off += chain.length;
        System.arraycopy(message, 0, out, off, message.length);
        return out;
    }

    /**
     * Chain ids are 1..64 characters of {@code [A-Za-z0-9._-]}: printable, unambiguous and short
     * enough to carry in every signature.
     */
    public static byte[] checkChainId(String chainId) {
        if (chainId == null || chainId.isEmpty()) {
            throw new IllegalArgumentException("chain id is empty");
        }
        if (chainId.length() > MAX_CHAIN_ID_LENGTH) {
            throw new IllegalArgumentException("chain id is longer than " + MAX_CHAIN_ID_LENGTH + " characters");
        }
        for (int i = 0; i < chainId.length(); i++) {
            char c = chainId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("chain id may contain only letters, digits, '.', '_' and '-'");
            }
        }
        return chainId.getBytes(StandardCharsets.US_ASCII);
    }

    /** Verifies a domain-separated signature. Never throws on malformed input. */
    public boolean verify(String chainId, PublicKey key, byte[] message, Signature signature) {
        byte[] framed = frame(chainId, message);
        return Ed25519.verify(key.raw(), framed, 0, framed.length, signature.raw());
    }
}
