package io.tally.consensus.sim;

/**
 * Command-line runner for long simulation campaigns outside JUnit (nightly):
 * {@code java -cp <test classpath> io.tally.consensus.sim.SimMain <n> <firstSeed> <count>}.
 * Prints every failing seed with its replay command and exits non-zero if any failed.
 */
public final class SimMain {
    private SimMain() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        long first = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        int failed = 0;
        long start = System.nanoTime();
        for (long seed = first; seed < first + count; seed++) {
            Simulation.Options o = SimulationTest.optionsFor(n, seed);
            Simulation.Result r = Simulation.run(o);
            if (!r.ok()) {
                failed++;
                System.out.println("FAIL seed=" + seed + " n=" + n + " " + r.violations() + " " + o
                    + "\n  replay: -Dtest=SimulationTest#replay -Dsim.seed=" + seed + " -Dsim.n=" + n);
            }
        }
        System.out.printf("n=%d seeds %d..%d: %d failed, %.1f s%n", n, first, first + count - 1, failed,
            (System.nanoTime() - start) / 1e9);
        if (failed > 0) {
            System.exit(1);
        }
    }
}
