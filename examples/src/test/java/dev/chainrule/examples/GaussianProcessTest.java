package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.examples.data.Datasets;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code gp} example's model against scikit-learn 1.2.1's {@code GaussianProcessRegressor}
 * on the same kernel and data: {@code src/test/python/sklearn_gp_reference.py} wrote
 * {@code gp/sklearn_reference.json} with sklearn's log marginal likelihood and gradient at the
 * starting hyperparameters and its fitted optimum, for every 4th month (n = 131) and the whole
 * record (n = 521).
 */
class GaussianProcessTest {
    static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GaussianProcessTest.class.getResourceAsStream("/gp/sklearn_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    static GaussianProcess process(int every) {
        Datasets.Series s = Datasets.co2().every(every);
        return new GaussianProcess(s.t(), s.y());
    }

    @Test
    void logMarginalLikelihoodAndGradientAreSklearnsAtItsStart() {
        for (String name : new String[] {"every4", "full"}) {
            JsonNode c = ref.get(name);
            GaussianProcess gp = process(name.equals("full") ? 1 : 4);
            assertEquals(c.get("n").asInt(), gp.size());
            assertArrayClose(doubles(c.get("theta0")), Co2Kernel.START, 1e-15, name + ": start");
            GaussianProcess.Evaluation e = gp.evaluate(Co2Kernel.START);
            assertEquals(c.get("lml0").asDouble(), e.value(), 1e-9 * Math.abs(e.value()), name + ": log marginal likelihood");
            double[] g = doubles(c.get("grad0"));
            for (int i = 0; i < g.length; i++) {
                assertEquals(g[i], e.gradient()[i], 1e-7 * Math.max(1, Math.abs(g[i])),
                        name + ": d/dθ" + i + " (" + Co2Kernel.NAMES.get(i) + ")");
            }
            // and at sklearn's optimum, its value there
            GaussianProcess.Evaluation best = gp.evaluate(doubles(c.get("theta")));
            assertEquals(c.get("lml").asDouble(), best.value(), 1e-8 * Math.abs(best.value()), name + ": at sklearn's optimum");
        }
    }

    @Test
    void theGradientIsRightByFiniteDifferences() {
        GaussianProcess gp = process(12); // 44 readings, one a year
        double[] theta = doubles(ref.get("every4").get("theta"));
        theta[6] = 1; // a moderate α, where the rational quadratic is not yet an RBF
        theta[10] = Math.log(0.05);
        // K is badly conditioned (the long-term RBF is nearly rank one), so the central differences
        // carry ~3e-6 of rounding; the exact check against sklearn is the test above
        GradCheck.Report r = GradCheck.withDefaults().tolerance(1e-5, 1e-4)
                .checkTensors(th -> gp.logMarginalLikelihood(th.get(0)), Tensor.of(theta, theta.length));
        assertTrue(r.passed(), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"every4", "full"})
    void theFitIsAtLeastAsGoodAsSklearnsOptimum(String name) {
        // measured: every4 -90.880385582 vs sklearn -90.880385738; full -115.050473893 vs -115.050474120
        JsonNode c = ref.get(name);
        GaussianProcess gp = process(name.equals("full") ? 1 : 4);
        GaussianProcess.Fit fit = gp.fit(Co2Kernel.START, 200);
        double sklearn = c.get("lml").asDouble();
        assertTrue(fit.logMarginalLikelihood() >= sklearn,
                "chainrule " + fit.logMarginalLikelihood() + " vs sklearn " + sklearn + " after " + fit.evaluations()
                        + " evaluations: " + Co2Kernel.describe(fit.theta()));
        assertTrue(fit.logMarginalLikelihood() > c.get("lml0").asDouble() + 10, "the fit improves on the start");
    }

    @Test
    void predictionsInterpolateTheDataAndWidenAhead() {
        GaussianProcess gp = process(4);
        double[] theta = doubles(ref.get("every4").get("theta"));
        Datasets.Series all = Datasets.co2();
        double[] ts = {all.t()[1], all.t()[260], 2010, 2030};
        GaussianProcess.Prediction p = gp.predict(theta, ts);
        // months left out of the fit are predicted within a ppm, with a small band
        assertEquals(all.y()[1], p.mean()[0], 1.0);
        assertEquals(all.y()[260], p.mean()[1], 1.0);
        assertTrue(p.std()[1] < 1, "std " + p.std()[1]);
        // ahead: still rising, less certain the further out
        assertTrue(p.mean()[3] > p.mean()[2] && p.mean()[2] > all.y()[all.size() - 1] - 5, java.util.Arrays.toString(p.mean()));
        assertTrue(p.std()[3] > p.std()[2] && p.std()[2] > p.std()[1], java.util.Arrays.toString(p.std()));
    }

    static void assertArrayClose(double[] expected, double[] got, double tol, String what) {
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol, what + "[" + i + "]");
        }
    }
}
