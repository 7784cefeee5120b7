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
 * Every lab problem, at the lab's own settings on the digits: the monitor names the problem
 * on the problem run, and on none of the remedy runs; no remedy explodes or diverges (the
 * first steps of a fresh model, large as they are with batch norm at lr 2 or a residual
 * sigmoid stack, are not an explosion).
 */
class LabTest {

    @ParameterizedTest
    @EnumSource(Lab.Case.class)
    void diagnosisNamesTheProblemAndNotOnAnyRemedy(Lab.Case c) {
        Dataset.Split data = Lab.data(c, 0);
        List<Lab.Variant> variants = c.variants(0);
        Problem p = c.problem;
        Diagnosis problem = diagnose(c, variants.get(0), data);
        assertTrue(problem.names(p) || p == Problem.EXPLODING_GRADIENTS && problem.names(Problem.DIVERGENCE),
                c + ": the problem run '" + variants.get(0).name() + "' should show " + p.label() + ", diagnosis:\n"
                        + problem);
        for (Lab.Variant remedy : variants.subList(1, variants.size())) {
            Diagnosis d = diagnose(c, remedy, data);
            assertFalse(d.names(p), c + ": the remedy run '" + remedy.name() + "' should not show " + p.label()
                    + ", diagnosis:\n" + d);
            assertFalse(d.names(Problem.EXPLODING_GRADIENTS) || d.names(Problem.DIVERGENCE),
                    c + ": the remedy run '" + remedy.name() + "' should neither explode nor diverge:\n" + d);
        }
    }

    private static Diagnosis diagnose(Lab.Case c, Lab.Variant v, Dataset.Split data) {
        return Lab.train(v, data, c.steps, c.batch, 20, 0, null).monitor().diagnose();
    }
}
