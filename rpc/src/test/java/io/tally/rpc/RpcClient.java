package io.tally.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON-RPC client over java.net.http, plus raw-socket requests for what it cannot send. */
public final class RpcClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final int port;
    private int nextId = 1;

    public RpcClient(String url, int port) {
        this.url = url;
        this.port = port;
    }

    public static RpcClient of(TestNode node) {
        return new RpcClient(node.url(), node.server.port());
    }

    /** The whole response object of a single call with positional params. */
    public JsonNode call(String method, Object... params) throws Exception {
        ObjectNode req = request(method, params);
        HttpResponse<String> r = post(JSON.writeValueAsString(req));
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The result of a call; fails the test on an error response. */
    public JsonNode result(String method, Object... params) throws Exception {
        JsonNode r = call(method, params);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    /** The error code of a call that must fail. */
    public int errorCode(String method, Object... params) throws Exception {
        JsonNode r = call(method, params);
        if (!r.has("error")) {
            throw new AssertionError(method + " succeeded unexpectedly: " + r);
        }
        return r.get("error").get("code").asInt();
    }

    public ObjectNode request(String method, Object... params) {
        ObjectNode req = JSON.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", nextId++);
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        return req;
    }

    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url + path.substring(1))).timeout(Duration.ofSeconds(10)).GET()
            .build());
    }

    /**
     * Sends raw bytes on a fresh loopback socket and returns the response head and as much body as
     * arrives before the server closes or 10 s pass.
     */
    public String raw(byte[] requestHead, byte[] body, int chunks) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(requestHead);
            try {
                if (chunks > 0) {
                    for (int i = 0; i < chunks; i++) {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer 413 and close before the client finishes: read what it said.
            }
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            StringBuilder sb = new StringBuilder();
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (sb.indexOf("\r\n\r\n") > 0 && responseComplete(sb)) {
                        break;
                    }
                }
            } catch (IOException e) {
                // connection reset after the response: fine
            }
            return sb.toString();
        }
    }

    private static boolean responseComplete(StringBuilder sb) {
        int headEnd = sb.indexOf("\r\n\r\n");
        String head = sb.substring(0, headEnd).toLowerCase();
        int cl = head.indexOf("content-length:");
        if (cl < 0) {
            return sb.indexOf("0\r\n\r\n", headEnd) > 0;
        }
        int end = head.indexOf("\r\n", cl);
        int len = Integer.parseInt(head.substring(cl + 15, end < 0 ? head.length() : end).trim());
        return sb.length() - headEnd - 4 >= len;
    }

    public static byte[] head(String method, String path, int port, String... headers) {
        StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String h : headers) {
            hasHost |= h.toLowerCase().startsWith("host:");
            sb.append(h).append("\r\n");
        }
        if (!hasHost) {
            sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
