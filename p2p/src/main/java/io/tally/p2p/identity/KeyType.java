package io.tally.p2p.identity;

/** libp2p key types with their protobuf enum numbers. */
public enum KeyType {
    RSA(0),
    ED25519(1),
    SECP256K1(2),
    ECDSA(3);

    private final int code;

    KeyType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static KeyType ofCode(long code) {
        for (KeyType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
