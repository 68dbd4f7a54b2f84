package io.tally.p2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * A js-libp2p 3.x peer in a child process (interop/js-peer/peer.mjs), driven by JSON lines on
 * stdin and reporting JSON lines on stdout. Loopback only. The child exits on stdin EOF, on its own
 * lifetime timer, or is destroyed by {@link #close()}; it is never killed by name.
 */
final class JsPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("interop", "js-peer").toAbsolutePath();

    private final Process process;
    private final OutputStream stdin;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    final String peerId;
    final String address;

    /** Skips the calling test when Node or the installed js-peer is missing, unless interop is required. */
    static void assumeAvailable() {
        boolean required = Boolean.getBoolean("interop.required");
        String why = null;
        if (!Files.isDirectory(DIR.resolve("node_modules").resolve("libp2p"))) {
            why = "js-peer dependencies not installed (npm ci did not run)";
        } else if (!nodeWorks()) {
            why = "node not found on PATH";
        }
        if (why != null) {
            if (required) {
                throw new AssertionError("interop.required=true but " + why);
            }
            Assumptions.abort(why);
        }
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            boolean done = p.waitFor(10, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    JsPeer(byte[] keySeed, Duration lifetime) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", "--import", "./polyfill-node20.mjs", "peer.mjs")
                .directory(DIR.toFile());
        pb.environment().put("LIFETIME_MS", Long.toString(lifetime.toMillis()));
        pb.environment().put("KEY_SEED", HexFormat.of().formatHex(keySeed));
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        process = pb.start();
        stdin = process.getOutputStream();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
        JsonNode ready = await(e -> e.path("event").asText().equals("ready"), Duration.ofSeconds(20), "ready");
        peerId = ready.get("peerId").asText();
        address = ready.get("addrs").get(0).asText();
    }

    private void pump(BufferedReader reader, boolean json) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.add((json ? "out: " : "err: ") + line);
                    if (json && line.startsWith("{")) {
                        try {
                            events.add(JSON.readTree(line));
                        } catch (IOException e) {
                            log.add("unparsable: " + line);
                        }
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "js-peer-" + (json ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
    }

    /** Sends a command and waits for its result; the result's "ok" says whether js succeeded. */
    JsonNode call(ObjectNode cmd, Duration timeout) throws IOException {
        int id = ids.incrementAndGet();
        cmd.put("id", id);
        synchronized (stdin) {
            stdin.write((JSON.writeValueAsString(cmd) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        return await(e -> e.path("event").asText().equals("result") && e.path("id").asInt() == id, timeout,
                "result of " + cmd);
    }

    static ObjectNode cmd(String name) {
        return JSON.createObjectNode().put("cmd", name);
    }

    /** Polls the event list until one matches (events are kept, so late waiters still see them). */
    JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            if (!process.isAlive() && events.stream().noneMatch(match)) {
                throw new AssertionError("js peer exited while waiting for " + what + "\n" + output());
            }
            onSpinWait();
        }
        throw new AssertionError("timed out waiting for " + what + "\n" + output());
    }

    List<JsonNode> events(Predicate<JsonNode> match) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (match.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static void onSpinWait() {
        // Poll interval without Thread.sleep: park briefly.
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
    }

    String output() {
        List<String> copy = new ArrayList<>(log);
        int from = Math.max(0, copy.size() - 80);
        return String.join("\n", copy.subList(from, copy.size()));
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the peer exits on EOF
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
