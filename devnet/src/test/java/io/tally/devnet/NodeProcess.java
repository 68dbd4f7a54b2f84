package io.tally.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One node as a child JVM: {@code java ... io.tally.node.NodeMain run <args>} on the test's own
 * class path, stdout and stderr appended to {@code <name>.log}. It can be killed (SIGKILL),
 * stopped (SIGTERM) and started again on the same data directory, which may be wiped in between.
 */
final class NodeProcess {
    /** Small heaps and C1 only: four or five nodes share two cores with the test JVM. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.showDateTime=true",
        "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final List<String> runArgs;
    private final Path dataDir;
    private final Path log;
    private final int rpcPort;
    private final RpcClient rpc;
    private volatile Process process;
    private volatile boolean paused;
    private int starts;

    NodeProcess(String name, List<String> runArgs, Path dataDir, Path log, int rpcPort) {
        this.name = name;
        this.runArgs = List.copyOf(runArgs);
        this.dataDir = dataDir;
        this.log = log;
        this.rpcPort = rpcPort;
        this.rpc = new RpcClient(rpcPort);
    }

    String name() {
        return name;
    }

    RpcClient rpc() {
        return rpc;
    }

    int rpcPort() {
        return rpcPort;
    }

    Path log() {
        return log;
    }

    Path dataDir() {
        return dataDir;
    }

    boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("io.tally.node.NodeMain");
        cmd.add("run");
        cmd.addAll(runArgs);
        String extra = System.getProperty("devnet.nodeArgs", "").strip();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        try {
            starts++;
            Files.writeString(log, "=== devnet test: start #" + starts + " of " + name + " ===\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGSTOP: the process freezes with its sockets open, as a stalled machine would. */
    synchronized void pause() {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}; a no-op otherwise. */
    synchronized void resume() {
        if (paused && isRunning()) {
            signal("CONT");
        }
        paused = false;
    }

    boolean isPaused() {
        return paused;
    }

    private void signal(String name) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException(this.name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + this.name, e);
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs. Waits (bounded) until the process is gone. */
    synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        paused = false;
        awaitExit(p);
        process = null;
    }

    /** SIGTERM: a clean shutdown; falls back to SIGKILL if it takes too long. */
    synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        awaitExit(p);
        process = null;
    }

    private static void awaitExit(Process p) {
        try {
            if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process " + p.pid() + " did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes the data directory (the node must be down): the next start begins from genesis. */
    void wipeData() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running");
        }
        if (!Files.exists(dataDir)) {
            return;
        }
        // children before parents; a node's data directory holds no symbolic links
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Surefire may run tests from a manifest-only jar; it publishes the real test class path
     * separately, and that is what a node process needs.
     */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Fails at once if the process died on its own (it was started and not killed by the test). */
    void assertAlive() {
        Process p = process;
        if (p != null && !p.isAlive()) {
            throw new AssertionError(name + " exited by itself with code " + p.exitValue() + ":\n" + logTail(40));
        }
    }

    @Override
    public String toString() {
        Process p = process;
        return name + (p == null ? " (never started)" : p.isAlive() ? " (pid " + p.pid() + ")"
            : " (exited with " + p.exitValue() + ")");
    }
}
