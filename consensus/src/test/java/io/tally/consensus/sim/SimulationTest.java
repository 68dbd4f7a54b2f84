package io.tally.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic simulation over many seeds. {@code -Dsim.seeds=N} changes the number of
 * seeds (default 900 across n = 1, 4, 7); {@code -Dsim.seed=S -Dsim.n=N} replays one seed exactly.
 */
class SimulationTest {
    private static final int HEIGHTS = 5;

    /** The scenario a seed stands for: fault profile and Byzantine behaviours drawn from the seed. */
    static Simulation.Options optionsFor(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        boolean faults = n > 1 && r.nextInt(5) != 0;
        int f = (n - 1) / 3;
        List<Simulation.Byzantine> byz = new ArrayList<>();
        List<Integer> twins = new ArrayList<>();
        int count = f == 0 ? 0 : r.nextInt(f + 1);
        if (count > 0 && r.nextInt(4) == 0) {
            // one of the Byzantine validators is a Twin: two instances with one key
            twins.add(r.nextInt(n));
            count--;
        }
        boolean heartbeatOnly = r.nextInt(6) == 0;
        Simulation.Byzantine[] all = Simulation.Byzantine.values();
        for (int i = 0; i < count; i++) {
            byz.add(all[r.nextInt(all.length)]);
        }
        return new Simulation.Options(n, seed, HEIGHTS, faults, byz, twins, false, heartbeatOnly);
    }

    static void runOrFail(int n, long seed) {
        Simulation.Options o = optionsFor(n, seed);
        Simulation.Result res = Simulation.run(o);
        if (!res.ok()) {
            fail("simulation failed: " + res.violations() + "\n  options " + o + "\n  replay with: mvn -B -o -pl "
                + "consensus test -Dtest=SimulationTest#replay -Dsim.seed=" + seed + " -Dsim.n=" + n);
        }
    }

    @Test
    void manySeedsAcrossClusterSizesKeepSafetyAndLiveness() {
        int total = Integer.getInteger("sim.seeds", 900);
        long first = Long.getLong("sim.firstSeed", 1);
        int[] sizes = {1, 4, 7};
        int[] weights = {1, 6, 3};
        long start = System.nanoTime();
        int runs = 0;
        long heights = 0;
        long evidence = 0;
        for (int k = 0; k < sizes.length; k++) {
            int seeds = Math.max(1, total * weights[k] / 10);
            for (long seed = first; seed < first + seeds; seed++) {
                Simulation.Options o = optionsFor(sizes[k], seed);
                Simulation.Result res = Simulation.run(o);
                if (!res.ok()) {
                    fail("simulation failed: " + res.violations() + "\n  options " + o
                        + "\n  replay with: mvn -B -o -pl consensus test -Dtest=SimulationTest#replay -Dsim.seed="
                        + seed + " -Dsim.n=" + sizes[k]);
                }
                runs++;
                heights += res.minHonestHeight();
                evidence += res.evidence();
            }
        }
        System.out.printf("simulation: %d seeds, %d honest heights, %d evidence reports, %.1f s%n", runs, heights,
            evidence, (System.nanoTime() - start) / 1e9);
        assertTrue(runs >= Math.min(total, 500) * 9 / 10);
    }

    @Test
    void replay() {
        String seed = System.getProperty("sim.seed");
        if (seed == null) {
            return;
        }
        int n = Integer.getInteger("sim.n", 4);
        Simulation.Options o = optionsFor(n, Long.parseLong(seed));
        Simulation.Result res = Simulation.run(o);
        System.out.println("replay " + o + " -> " + res);
        runOrFail(n, Long.parseLong(seed));
    }

    @Test
    void sameSeedGivesTheSameRun() {
        Simulation.Result a = Simulation.run(optionsFor(4, 42));
        Simulation.Result b = Simulation.run(optionsFor(4, 42));
        assertTrue(a.equals(b), a + " vs " + b);
    }
}
