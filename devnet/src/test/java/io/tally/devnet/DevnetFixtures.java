package io.tally.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** What the multi-process devnet test classes do the same way around each test. */
final class DevnetFixtures {
    private DevnetFixtures() {}

    /** On failure, the last lines of every node's log go to the test output. */
    static TestWatcher dumpLogsOnFailure(Supplier<Devnet> net) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                Devnet n = net.get();
                if (n != null) {
                    System.out.println("### " + context.getDisplayName() + " failed: " + cause + n.logTails(60));
                }
            }
        };
    }

    /** After each test: the load ran cleanly and no validator exited without the test killing it. */
    static void assertLoadCleanAndValidatorsAlive(LoadGenerator load, Devnet net) {
        assertEquals(0, load.failures(), "no load transfer failed execution");
        net.validators().forEach(NodeProcess::assertAlive);
    }

    /** After all tests: stop the load and the nodes; keep logs under {@code -Ddevnet.keepLogs}/{@code sub}. */
    static void tearDown(LoadGenerator load, Devnet net, String sub) throws IOException {
        if (load != null) {
            load.stop();
        }
        if (net != null) {
            net.close();
            String keep = System.getProperty("devnet.keepLogs");
            if (keep != null) {
                net.copyLogsTo(sub.isEmpty() ? Path.of(keep) : Path.of(keep).resolve(sub));
            }
        }
    }
}
