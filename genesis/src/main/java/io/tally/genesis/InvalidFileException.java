package io.tally.genesis;

import java.nio.file.Path;
import java.util.List;

/**
 * A genesis file, node config or key file that cannot be used, with every problem found in it
 * (not just the first), so an operator can fix the file in one pass.
 */
public final class InvalidFileException extends Exception {
    private final transient Path file;
    private final List<Problem> problems;

    public InvalidFileException(Path file, List<Problem> problems) {
        super(summary(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid file has at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public static InvalidFileException of(Path file, String path, String message) {
        return new InvalidFileException(file, List.of(new Problem(path, message)));
    }

    /** The file, or null when the input did not come from a file. */
    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(Path file, List<Problem> problems) {
        String where = file == null ? "" : file + ": ";
        String first = problems.isEmpty() ? "invalid" : problems.get(0).toString();
        int more = problems.size() - 1;
        return where + first + (more > 0 ? " (and " + more + " more problem" + (more > 1 ? "s" : "") + ")" : "");
    }
}
