package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LBFGS} against {@code torch.optim.LBFGS} (PyTorch 1.13) itself:
 * {@code src/test/python/torch_lbfgs_reference.py} ran each option set for a few
 * {@code step(closure)} calls on Rosenbrock, a logistic regression (two parameters) and a least-squares
 * problem, with and without the strong-Wolfe line search, histories short enough to wrap, and
 * wrote {@code optim/torch_lbfgs_reference.json}. Every point the closure is evaluated at, in
 * order, agrees to 1e-10, as do the losses, what each step returns, and the counters; the number
 * of evaluations is exactly PyTorch's. (Measured: with the fused multiply-adds of {@code FlatVectors}
 * the Rosenbrock runs are bit-identical to PyTorch's; on the others the losses' sums round in a
 * different order, and the trajectories differ by a few units in the last place.)
 */
class LBFGSTorchReferenceTest {
    static final double TOL = 1e-10;
    static double worst; // the largest deviation seen, printed at the end
    static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = LBFGSTorchReferenceTest.class.getResourceAsStream("/optim/torch_lbfgs_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> configs() throws IOException {
        load();
        List<Arguments> out = new ArrayList<>();
        ref.get("configs").fieldNames().forEachRemaining(name -> {
            out.add(Arguments.of(name, false));
            String problem = ref.get("configs").get(name).get("problem").asText();
            if (!problem.equals("logistic")) {
                out.add(Arguments.of(name, true)); // the same run on scalar Value parameters
            }
        });
        return out.stream();
    }

    /** The optimizer the JSON's PyTorch options describe, option by option. */
    static LBFGS fromOptions(LBFGSProblems.Problem problem, JsonNode o) {
        LBFGS opt = LBFGS.of(problem.parameters());
        if (o.has("lr")) {
            opt.lr(o.get("lr").asDouble());
        }
        if (o.has("max_iter")) {
            opt.maxIter(o.get("max_iter").asInt());
        }
        if (o.has("max_eval")) {
            opt.maxEval(o.get("max_eval").asInt());
        }
        if (o.has("tolerance_grad")) {
            opt.toleranceGrad(o.get("tolerance_grad").asDouble());
        }
        if (o.has("tolerance_change")) {
            opt.toleranceChange(o.get("tolerance_change").asDouble());
        }
        if (o.has("history_size")) {
            opt.historySize(o.get("history_size").asInt());
        }
        if (o.has("line_search_fn")) {
            assertEquals("strong_wolfe", o.get("line_search_fn").asText());
            opt.lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        }
        return opt;
    }

    @ParameterizedTest(name = "{0}, values {1}")
    @MethodSource("configs")
    void followsPyTorchEvaluationByEvaluation(String name, boolean values) {
        JsonNode c = ref.get("configs").get(name);
        LBFGSProblems.Problem problem = LBFGSProblems.create(c.get("problem").asText(), values);
        LBFGS opt = fromOptions(problem, c.get("options"));
        List<double[]> points = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        var closure = LBFGSProblems.recording(problem, points, losses);
        int steps = c.get("steps").asInt();
        for (int s = 0; s < steps; s++) {
            double returned = opt.step(closure);
            double expected = c.get("returned").get(s).asDouble();
            assertEquals(expected, returned, TOL * scale(returned), name + ": step " + s + " returned");
            worst = Math.max(worst, Math.abs(expected - returned) / scale(returned));
            assertClose(c.get("after").get(s), problem.flat(), name + ": parameters after step " + s);
        }
        JsonNode evals = c.get("evals");
        assertEquals(evals.size(), points.size(), name + ": number of closure evaluations");
        for (int k = 0; k < evals.size(); k++) {
            assertClose(evals.get(k).get("x"), points.get(k), name + ": evaluation " + k + " at");
            double loss = evals.get(k).get("loss").asDouble();
            assertEquals(loss, losses.get(k), TOL * scale(loss), name + ": loss of evaluation " + k);
            worst = Math.max(worst, Math.abs(loss - losses.get(k)) / scale(loss));
        }
        assertEquals(c.get("func_evals").asLong(), opt.functionEvaluations(), name + ": func_evals");
        assertEquals(c.get("n_iter").asLong(), opt.iterations(), name + ": n_iter");
    }

    static double scale(double x) {
        return Math.max(1, Math.abs(x));
    }

    static void assertClose(JsonNode expected, double[] got, String what) {
        assertEquals(expected.size(), got.length, what + ": size");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected.get(i).asDouble(), got[i], TOL, what + ", coordinate " + i);
            worst = Math.max(worst, Math.abs(expected.get(i).asDouble() - got[i]));
        }
    }

    @AfterAll
    static void report() {
        System.out.println("LBFGS vs torch.optim.LBFGS: largest deviation over all runs " + worst);
    }

    @Test
    void theReferenceRunsAreLongEnoughToMean() {
        // ≥ 20 iterations on Rosenbrock and the logistic regression, with and without line search,
        // and histories that wrap (more iterations than pairs kept)
        for (String name : List.of("rosenbrock_none_h3", "rosenbrock_wolfe_h3", "logistic_none_h2", "logistic_wolfe_h2")) {
            JsonNode c = ref.get("configs").get(name);
            long iters = c.get("n_iter").asLong();
            assertEquals(true, iters >= 20, name + ": " + iters + " iterations");
            assertEquals(true, iters > c.get("options").get("history_size").asInt(), name + ": history wraps");
        }
    }
}
