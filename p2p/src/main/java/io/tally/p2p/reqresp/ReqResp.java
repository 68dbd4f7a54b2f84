package io.tally.p2p.reqresp;

import io.tally.p2p.wire.DecodeException;

/**
 * Wire format of the node's request/response protocols, one exchange per yamux stream:
 * requester writes {@code uvarint(len) ‖ request} and half-closes; responder writes
 * {@code uvarint(len) ‖ status ‖ body} and half-closes. Status 0 = OK (body is the response),
 * 1 = error (body is a UTF-8 reason).
 */
public final class ReqResp {
    public static final byte STATUS_OK = 0;
    public static final byte STATUS_ERROR = 1;
    static final int MAX_ERROR_BYTES = 256;

    private ReqResp() {}

    static byte[] response(byte status, byte[] body) {
        byte[] out = new byte[1 + body.length];
        out[0] = status;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    static void requireStatus(byte[] frame) {
        if (frame.length < 1 || (frame[0] != STATUS_OK && frame[0] != STATUS_ERROR)) {
            throw new DecodeException("bad response status");
        }
    }
}
