package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.monitor.Diagnosis;
import dev.chainrule.nn.monitor.Problem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every lab problem: the monitor names the problem on the problem run and not on the main
 * remedy run (the first two variants, at the lab's own settings on the digits).
 */
class LabTest {

    @ParameterizedTest
    @EnumSource(Lab.Case.class)
    void diagnosisNamesTheProblemAndNotOnTheRemedy(Lab.Case c) {
        Dataset.Split data = Lab.data(c, 0);
        List<Lab.Variant> variants = c.variants(0);
        Diagnosis problem = Lab.train(variants.get(0), data, c.steps, c.batch, 20, 0, null).monitor().diagnose();
        Diagnosis remedy = Lab.train(variants.get(1), data, c.steps, c.batch, 20, 0, null).monitor().diagnose();
        Problem p = c.problem;
        assertTrue(problem.names(p) || p == Problem.EXPLODING_GRADIENTS && problem.names(Problem.DIVERGENCE),
                c + ": the problem run '" + variants.get(0).name() + "' should show " + p.label() + ", diagnosis:\n"
                        + problem);
        assertFalse(remedy.names(p), c + ": the remedy run '" + variants.get(1).name() + "' should not show "
                + p.label() + ", diagnosis:\n" + remedy);
        if (p == Problem.EXPLODING_GRADIENTS) {
            assertFalse(remedy.names(Problem.DIVERGENCE), "clipping should prevent divergence:\n" + remedy);
        }
    }
}
