package io.tally.consensus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers honest by reading the compiled classes' constant pools: consensus may use only
 * io.tally.crypto, io.tally.ledger.block and io.tally.ledger.codec of the project, and the core
 * package may not touch threads, clocks, randomness, sockets or files.
 */
class ArchitectureTest {
    private static final Path CLASSES = Path.of("target", "classes", "io", "tally", "consensus");
    private static final Pattern LEDGER = Pattern.compile("io/tally/ledger/([a-z]+)/");
    private static final List<String> FORBIDDEN_IN_CORE = List.of("java/lang/Thread", "currentTimeMillis", "nanoTime",
        "java/util/Random", "java/util/concurrent/ThreadLocalRandom", "java/security/SecureRandom", "java/net/",
        "java/nio/file/", "java/io/File", "java/time/Clock", "java/time/Instant", "java/util/concurrent/Executor",
        "java/util/HashMap", "java/util/HashSet");

    private static List<Path> classes(boolean coreOnly) throws IOException {
        try (Stream<Path> s = Files.walk(CLASSES)) {
            return s.filter(p -> p.toString().endsWith(".class"))
                .filter(p -> !coreOnly || p.getParent().equals(CLASSES)).toList();
        }
    }

    private static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    }

    @Test
    void consensusDependsOnlyOnCryptoAndTheBlockAndCodecPackages() throws IOException {
        List<String> bad = new ArrayList<>();
        List<Path> all = classes(false);
        assertTrue(all.size() > 20, "expected compiled consensus classes under " + CLASSES.toAbsolutePath());
        for (Path p : all) {
            Matcher m = LEDGER.matcher(text(p));
            while (m.find()) {
                if (!m.group(1).equals("block") && !m.group(1).equals("codec")) {
                    bad.add(p.getFileName() + " uses io.tally.ledger." + m.group(1));
                }
            }
            for (String other : List.of("io/tally/p2p", "io/tally/rpc", "io/tally/node", "io/tally/mempool")) {
                if (text(p).contains(other)) {
                    bad.add(p.getFileName() + " uses " + other);
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }

    @Test
    void coreHasNoThreadsClocksRandomnessSocketsOrFiles() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path p : classes(true)) {
            String t = text(p);
            for (String f : FORBIDDEN_IN_CORE) {
                if (t.contains(f)) {
                    bad.add(p.getFileName() + " references " + f);
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.toString());
    }
}
