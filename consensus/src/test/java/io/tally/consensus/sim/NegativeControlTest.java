package io.tally.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Proves the checker can fail (fault-testing B.2 #3): with f+1 Byzantine keys, each run as two
 * instances (Twins) on both sides of a partition, PBFT's assumptions are broken and the honest
 * replicas must end up committing different blocks; the simulation has to report it. The same
 * setup with f twinned keys must stay safe.
 */
class NegativeControlTest {

    @Test
    void twoTwinnedKeysOutOfFourBreakAgreementAndTheCheckerDetectsIt() {
        int detected = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Simulation.Result r = Simulation.run(
                new Simulation.Options(4, seed, 3, false, List.of(), List.of(0, 1), true));
            if (r.violations().stream().anyMatch(v -> v.startsWith("I1 agreement"))) {
                detected++;
            }
        }
        assertTrue(detected == 5, "the checker must flag every f+1-twins run, flagged " + detected + " of 5");
    }

    @Test
    void oneTwinnedKeyOutOfFourCannotBreakAgreement() {
        for (long seed = 1; seed <= 5; seed++) {
            Simulation.Result r = Simulation.run(
                new Simulation.Options(4, seed, 3, false, List.of(), List.of(0), true));
            assertTrue(r.ok(), "seed " + seed + ": " + r.violations());
        }
    }

    @Test
    void oneTwinnedKeyUnderRandomFaultsStaysSafeAndLive() {
        for (long seed = 1; seed <= 40; seed++) {
            Simulation.Result r = Simulation.run(
                new Simulation.Options(4, seed, 4, true, List.of(), List.of((int) (seed % 4)), false));
            assertTrue(r.ok(), "seed " + seed + ": " + r.violations()
                + " (replay: NegativeControlTest#oneTwinnedKeyUnderRandomFaultsStaysSafeAndLive)");
        }
    }
}
