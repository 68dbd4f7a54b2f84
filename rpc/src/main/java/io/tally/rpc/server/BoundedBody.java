package io.tally.rpc.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. Jetty's own limit applies to the declared Content-Length
 * only; a chunked body has none, so the count is kept here and reading stops one byte past the
 * limit instead of buffering whatever the client sends.
 */
final class BoundedBody {
    private BoundedBody() {}

    static byte[] read(InputStream in, long declaredLength, int limit) throws IOException, BodyTooLargeException {
        if (declaredLength > limit) {
            throw new BodyTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 1024);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > limit) {
                throw new BodyTooLargeException(limit);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
