package io.tally.loadgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally-loadgen ceiling}: only the signature ceiling, for the machine as it is now. */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
    description = "Measure Ed25519 (Bouncy Castle) transaction verifications per second on all cores and print the"
        + " signed-transfer ceiling for 1, 4 and 7 validators sharing them.")
final class CeilingCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "Measurement time (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws Exception {
        Ceiling c = Ceiling.measure(BenchCommand.DEFAULT_CHAIN_ID, 2_000, (long) (seconds * 1000));
        System.out.printf("%.0f verifies/s on %d threads%n", c.verifiesPerSecond(), c.threads());
        for (int n : new int[] {1, 4, 7}) {
            System.out.printf("ceiling for %d validators: %.0f tx/s%n", n, c.perValidators(n));
        }
        return 0;
    }
}
