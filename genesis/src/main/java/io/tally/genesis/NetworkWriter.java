package io.tally.genesis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Writes a {@link Network} to a directory:
 *
 * <pre>
 * OUT/genesis.json
 * OUT/node&lt;i&gt;/          (0700)
 * OUT/node&lt;i&gt;/node.json
 * OUT/node&lt;i&gt;/node_key.json   (0600)
 * </pre>
 *
 * It refuses a non-empty {@code OUT} unless forced; forcing deletes only what a previous run
 * wrote ({@code genesis.json} and {@code node<digits>} directories, including their data).
 */
public final class NetworkWriter {
    private static final Pattern NODE_DIR = Pattern.compile("node[0-9]+");

    private final Consumer<String> warnings;

    public NetworkWriter(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** Thrown when the output directory is in a state we must not write into. */
    public static final class OutputDirectoryException extends Exception {
        public OutputDirectoryException(String message) {
            super(message);
        }
    }

    /** Writes everything; returns the node config files in validator order. */
    public List<Path> write(Network network, Path outDir, boolean force) throws IOException, OutputDirectoryException {
        prepare(outDir, force);
        byte[] genesisJson = GenesisJson.write(network.genesis()).getBytes(StandardCharsets.UTF_8);
        checkRoundTrip(network.genesis(), genesisJson);
        Files.write(outDir.resolve(Network.GENESIS_FILE), genesisJson, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        List<Path> configs = new ArrayList<>();
        for (int i = 0; i < network.keys().size(); i++) {
            Path nodeDir = outDir.resolve(Network.nodeName(i));
            createPrivateDirectory(nodeDir);
            NodeKeyFile.write(nodeDir.resolve(Network.KEY_FILE), network.keys().get(i), warnings);
            Path config = nodeDir.resolve(Network.NODE_CONFIG_FILE);
            Files.writeString(config, NodeConfigJson.write(network.nodeConfig(i, outDir), nodeDir),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            configs.add(config);
        }
        return configs;
    }

    private void prepare(Path outDir, boolean force) throws IOException, OutputDirectoryException {
        if (Files.exists(outDir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(outDir)) {
            throw new OutputDirectoryException(outDir + " exists and is not a directory");
        }
        Files.createDirectories(outDir);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(outDir)) {
            ds.forEach(entries::add);
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!force) {
            throw new OutputDirectoryException(outDir + " is not empty; use --force to replace the genesis.json and"
                    + " node<i> directories in it (their data directories are deleted too)");
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.equals(Network.GENESIS_FILE)) {
                Files.delete(p);
            } else if (NODE_DIR.matcher(name).matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(p);
            }
        }
    }

    private void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            warnings.accept("warning: " + dir + ": file system has no POSIX permissions; restrict access to it"
                    + " by other means");
            Files.createDirectory(dir);
        }
    }

    /** Deletes a directory tree without following symbolic links out of it. */
    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A writer bug that produced a file the reader rejects or reads differently must not ship. */
    private static void checkRoundTrip(Genesis g, byte[] json) {
        try {
            Genesis back = GenesisJson.parse(json);
            if (!back.equals(g) || !back.hash().equals(g.hash())) {
                throw new IllegalStateException("genesis.json does not read back to the same genesis");
            }
        } catch (InvalidFileException e) {
            throw new IllegalStateException("generated genesis.json is invalid: " + e.getMessage(), e);
        }
    }
}
