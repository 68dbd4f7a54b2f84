package io.tally.loadgen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a node process: {@code java [jvm options] -jar tally-node.jar} or, from a test,
 * {@code java [jvm options] -cp CLASSPATH io.tally.node.NodeMain}. A {@code {node}} placeholder in
 * a JVM option becomes the node's directory (e.g. for a per-node JFR file). {@code runOptions} follow
 * {@code run --config FILE} (e.g. {@code --min-block-interval-ms 20}).
 */
record NodeLauncher(List<String> jvmOptions, List<String> program, List<String> runOptions) {
    static final String NODE_MAIN = "io.tally.node.NodeMain";

    NodeLauncher {
        jvmOptions = List.copyOf(jvmOptions);
        program = List.copyOf(program);
        runOptions = List.copyOf(runOptions);
    }

    NodeLauncher withRunOptions(List<String> options) {
        return new NodeLauncher(jvmOptions, program, options);
    }

    static NodeLauncher jar(Path jar, List<String> jvmOptions) {
        return new NodeLauncher(jvmOptions, List.of("-jar", jar.toString()), List.of());
    }

    static NodeLauncher classpath(String classpath, List<String> jvmOptions) {
        return new NodeLauncher(jvmOptions, List.of("-cp", classpath, NODE_MAIN), List.of());
    }

    List<String> command(Path nodeDir, Path config) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : jvmOptions) {
            cmd.add(o.replace("{node}", nodeDir.toString()));
        }
        cmd.addAll(program);
        cmd.addAll(List.of("run", "--config", config.toString()));
        cmd.addAll(runOptions);
        return cmd;
    }
}
