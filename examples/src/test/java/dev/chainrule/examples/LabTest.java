package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.Diagnosis;
import dev.chainrule.nn.monitor.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every lab problem, at the lab's own settings and default seed on the digits: the monitor
 * names the problem on the problem run, and on none of the remedy runs (a remedy the lab
 * shows as tried, not helping, leaves it named); no remedy explodes or diverges (the first
 * steps of a fresh model, large as they are with batch norm at lr 2 or a residual sigmoid
 * stack, are not an explosion). Random restarts really find a better minimum.
 */
class LabTest {

    @ParameterizedTest
    @EnumSource(Lab.Case.class)
    void diagnosisNamesTheProblemAndNotOnAnyRemedy(Lab.Case c) {
        Dataset.Split data = Lab.data(c, c.seed);
        List<Lab.Variant> variants = c.variants(c.seed);
        Problem p = c.problem;
        Diagnosis problem = diagnose(c, variants.get(0), data);
        assertTrue(problem.names(p) || p == Problem.EXPLODING_GRADIENTS && problem.names(Problem.DIVERGENCE),
                c + ": the problem run '" + variants.get(0).name() + "' should show " + p.label() + ", diagnosis:\n"
                        + problem);
        for (Lab.Variant remedy : variants.subList(1, variants.size())) {
            Diagnosis d = diagnose(c, remedy, data);
            assertEquals(!remedy.helps(), d.names(p), c + ": the remedy run '" + remedy.name() + "' should "
                    + (remedy.helps() ? "not show " : "still show (the lab says it does not help) ") + p.label()
                    + ", diagnosis:\n" + d);
            assertFalse(d.names(Problem.EXPLODING_GRADIENTS) || d.names(Problem.DIVERGENCE),
                    c + ": the remedy run '" + remedy.name() + "' should neither explode nor diverge:\n" + d);
        }
    }

    /**
     * Seed 11 (the lab's default): the single run is stuck, and of the 10 restarts from it the
     * kept one (chosen by training loss) beats the median single run's held-out loss and the
     * problem run's by far, while at least 3 of the 10 restarts get stuck as well.
     */
    @Test
    void randomRestartsFindABetterMinimumThanTheMedianSingleRun() {
        Lab.Case c = Lab.Case.LOCAL_MINIMA;
        Dataset.Split data = Lab.data(c, c.seed);
        Lab.Variant restarts = c.variants(c.seed).stream().filter(v -> v.restarts() > 1).findFirst().orElseThrow();
        Lab.Restarts r = Lab.train(restarts, data, c.steps, c.batch, 20, c.seed, null).restarts();
        assertEquals(10, r.seeds().length);
        assertEquals(c.seed, r.seeds()[0], "the first restart is the problem run");
        double[] sorted = r.heldOutLoss().clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double kept = r.heldOutLoss()[r.kept()];
        String what = "held-out losses " + Arrays.toString(r.heldOutLoss()) + ", kept " + r.kept();
        assertTrue(kept < median - 0.3, what);
        assertTrue(kept < r.heldOutLoss()[0] - 0.5, what);
        assertTrue(Arrays.stream(r.heldOutLoss()).filter(l -> l > 2 * kept).count() >= 3,
                "the final losses spread: some seeds get stuck, " + what);
        for (int i = 0; i < r.seeds().length; i++) {
            assertTrue(r.trainLoss()[r.kept()] <= r.trainLoss()[i], "kept the lowest training loss, " + what);
        }
    }

    /** Every variant of every problem, its model in float32: the monitor gets finite records and the run stays float32. */
    @Test
    void everyVariantRunsInFloat32WithFiniteMonitorRecords() {
        for (Lab.Case c : Lab.Case.values()) {
            Dataset.Split data = Lab.data(c, c.seed);
            for (Lab.Variant v : c.variants(c.seed)) {
                if (v.restarts() > 1) {
                    continue; // ten runs of the same model: one is enough here
                }
                Lab.Variant f32 = new Lab.Variant(v.name(), s -> v.model().apply(s).dtype(dev.chainrule.autograd.DType.F32),
                        v.optimizer(), v.clip(), v.patience(), v.restarts(), v.helps());
                Lab.Result r = Lab.train(f32, data, 40, c.batch, 4, c.seed, null);
                assertTrue(r.monitor().records().size() > 0, c + " / " + v.name());
                for (dev.chainrule.nn.monitor.LayerRecord rec : r.monitor().records()) {
                    boolean exploding = c == Lab.Case.EXPLODING; // its runs may diverge on purpose
                    assertTrue(exploding || Double.isFinite(rec.gradNorm()), c + " / " + v.name() + ": " + rec);
                }
            }
        }
    }

    private static Diagnosis diagnose(Lab.Case c, Lab.Variant v, Dataset.Split data) {
        return Lab.train(v, data, c.steps, c.batch, 20, c.seed, null).monitor().diagnose();
    }
}
