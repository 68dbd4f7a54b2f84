package io.tally.wallet.testnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tally.crypto.Hash;
import io.tally.ledger.block.BlockHeader;
import io.tally.ledger.state.AccountState;
import io.tally.rpc.json.BlockJson;
import io.tally.rpc.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sits between the wallet and the real RPC server and, when told to, rewrites one kind of answer
 * into a lie that still parses — a dishonest node in the smallest form. With {@link Lie#NONE} it
 * forwards bytes untouched.
 */
public final class TamperingRpcProxy implements AutoCloseable {
    /** One way for the node to lie. */
    public enum Lie {
        NONE,
        /** Reports a larger balance, with matching value bytes, next to the real (now non-matching) proof. */
        INFLATED_BALANCE,
        /** Flips one bit of one certificate signature. */
        FORGED_CERTIFICATE_SIGNATURE,
        /** Serves a certificate with one signature fewer than a quorum. */
        CERTIFICATE_BELOW_QUORUM,
        /** Serves headers with another state root (and the hash that goes with it). */
        ALTERED_STATE_ROOT,
        /** Serves a transaction inclusion proof with a wrong index. */
        WRONG_INCLUSION_PROOF,
        /** Drops the last transaction from full block bodies. */
        TRUNCATED_BLOCK_BODY
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI upstream;
    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Lie lie = Lie.NONE;

    public TamperingRpcProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.createContext("/", this::handle);
        http.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    public void lie(Lie l) {
        lie = l;
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] req;
        try (InputStream in = ex.getRequestBody()) {
            req = in.readNBytes(1 << 20);
        }
        byte[] body;
        int status;
        try {
            HttpResponse<byte[]> resp = client.send(HttpRequest.newBuilder(upstream).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(req)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            status = resp.statusCode();
            body = lie == Lie.NONE ? resp.body() : tamper(JSON.readTree(req).path("method").asText(), resp.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private byte[] tamper(String method, byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            return body;
        }
        ObjectNode r = (ObjectNode) result;
        switch (lie) {
            case INFLATED_BALANCE -> {
                if (method.equals("tally_getAccount")) {
                    long balance = Long.parseLong(r.get("balance").asText()) + 1_000_000;
                    long nonce = Long.parseLong(r.get("nonce").asText());
                    r.put("balance", Long.toString(balance));
                    ((ObjectNode) r.get("proof")).put("value",
                        io.tally.crypto.Bytes.toHex(new AccountState(balance, nonce).encode()));
                }
            }
            case FORGED_CERTIFICATE_SIGNATURE -> {
                if (method.equals("tally_getCertificate")) {
                    ObjectNode s = (ObjectNode) r.get("signatures").get(0);
                    String sig = s.get("signature").asText();
                    s.put("signature", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
                }
            }
            case CERTIFICATE_BELOW_QUORUM -> {
                if (method.equals("tally_getCertificate")) {
                    ArrayNode sigs = (ArrayNode) r.get("signatures");
                    sigs.remove(sigs.size() - 1);
                }
            }
            case ALTERED_STATE_ROOT -> {
                if (method.startsWith("tally_getBlockBy") || method.equals("tally_getLatestBlock")) {
                    ObjectNode h = (ObjectNode) r.get("header");
                    h.put("stateRoot", "11".repeat(Hash.LENGTH));
                    try {
                        BlockHeader altered = BlockJson.headerFromJson(h);
                        r.put("hash", altered.hash().toHex());
                    } catch (JsonFormatException e) {
                        throw new IOException(e);
                    }
                }
            }
            case WRONG_INCLUSION_PROOF -> {
                if (method.equals("tally_getTransaction") && r.has("proof")) {
                    ObjectNode p = (ObjectNode) r.get("proof");
                    p.put("index", (p.get("index").asInt() + 1) % Math.max(2, p.get("count").asInt()));
                }
            }
            case TRUNCATED_BLOCK_BODY -> {
                if (r.has("transactions") && r.get("transactions").size() > 0) {
                    ArrayNode txs = (ArrayNode) r.get("transactions");
                    txs.remove(txs.size() - 1);
                    r.put("transactionCount", txs.size());
                }
            }
            default -> {
                return body;
            }
        }
        return JSON.writeValueAsBytes(root);
    }
}
