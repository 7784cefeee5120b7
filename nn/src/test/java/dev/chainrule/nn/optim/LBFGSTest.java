package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LBFGS}'s options, convergence, state snapshots and refusals; trajectories are in {@link LBFGSTorchReferenceTest}. */
class LBFGSTest {

    @Test
    void defaultsArePyTorchs() {
        LBFGS opt = LBFGS.of(List.of(Parameter.of(Tensor.of(new double[] {0}, 1))));
        assertEquals(1, opt.learningRate(0));
        assertEquals(25, opt.maxEvalPerStep());            // 20 * 5 / 4
        assertEquals(12, opt.maxIter(10).maxEvalPerStep()); // follows maxIter until set
        assertEquals(7, opt.maxEval(7).maxEvalPerStep());
        assertTrue(opt.toString().contains("historySize=100"), opt.toString());
        assertTrue(opt.toString().contains("lineSearch=NONE"), opt.toString());
    }

    @Test
    void strongWolfeSolvesRosenbrockAndTensorAndValueRunsAgree() {
        LBFGSProblems.Problem tensor = LBFGSProblems.rosenbrockTensor();
        LBFGSProblems.Problem values = LBFGSProblems.rosenbrockValues();
        LBFGS a = LBFGS.of(tensor.parameters()).maxIter(100).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        LBFGS b = LBFGS.of(values.parameters()).maxIter(100).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        a.step(tensor::evaluate);
        b.step(values::evaluate);
        assertArrayEquals(new double[] {1, 1}, tensor.flat(), 1e-5);
        assertArrayEquals(tensor.flat(), values.flat(), 0);
        assertEquals(a.functionEvaluations(), b.functionEvaluations());
    }

    @Test
    void leastSquaresReachTheNormalEquationsSolution() {
        LBFGSProblems.Problem p = LBFGSProblems.lsqTensor();
        LBFGS opt = LBFGS.of(p.parameters()).maxIter(50).toleranceGrad(1e-12).toleranceChange(1e-15).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        opt.step(p::evaluate);
        // the solution of AᵀA x = Aᵀc by Gauss-Jordan elimination
        double[][] ata = new double[3][4];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    ata[j][k] += LBFGSProblems.A[3 * i + j] * LBFGSProblems.A[3 * i + k];
                }
                ata[j][3] += LBFGSProblems.A[3 * i + j] * LBFGSProblems.C[i];
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                if (r != c) {
                    double f = ata[r][c] / ata[c][c];
                    for (int k = 0; k < 4; k++) {
                        ata[r][k] -= f * ata[c][k];
                    }
                }
            }
        }
        double[] x = {ata[0][3] / ata[0][0], ata[1][3] / ata[1][1], ata[2][3] / ata[2][2]};
        // the loss is flat to rounding within ~1e-8 of the minimum, where |Δf| < toleranceChange stops it
        assertArrayEquals(x, p.flat(), 1e-7);
    }

    @Test
    void aStationaryStartReturnsAfterOneEvaluation() {
        LBFGSProblems.Problem p = LBFGSProblems.rosenbrockTensor();
        p.parameters().get(0).set(new double[] {1, 1});
        LBFGS opt = LBFGS.of(p.parameters());
        assertEquals(0, opt.step(p::evaluate));
        assertEquals(1, opt.functionEvaluations());
        assertEquals(0, opt.iterations());
        assertArrayEquals(new double[] {1, 1}, p.flat(), 0);
    }

    @Test
    void maxEvalBoundsTheEvaluationsOfOneStep() {
        LBFGSProblems.Problem p = LBFGSProblems.rosenbrockTensor();
        LBFGS opt = LBFGS.of(p.parameters()).maxIter(100).maxEval(9).lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
        opt.step(p::evaluate);
        // the budget is checked after each iteration, so one line search may overshoot it (as in PyTorch)
        assertTrue(opt.functionEvaluations() >= 9 && opt.functionEvaluations() < 9 + StrongWolfe.MAX_LS,
                "evaluations " + opt.functionEvaluations());
        assertTrue(opt.iterations() < 9, "iterations " + opt.iterations());
    }

    @Test
    void aParameterWithoutGradientCountsAsZero() {
        Tensor used = Tensor.of(new double[] {3}, 1);
        Tensor unused = Tensor.of(new double[] {5}, 1);
        LBFGS opt = LBFGS.of(List.of(Parameter.of(used), Parameter.of(unused)));
        opt.step(() -> {
            opt.zeroGrad();
            Tensor loss = used.sub(1).pow(2).sum();
            loss.backward();
            return loss.item();
        });
        assertEquals(1, used.item(), 1e-6);
        assertEquals(5, unused.item(), 0);
    }

    @Test
    void aSavedStateContinuesExactlyLikeAnUninterruptedRun() {
        LBFGSProblems.Problem straight = LBFGSProblems.logistic();
        LBFGS a = configured(LBFGS.of(straight.parameters()));
        for (int s = 0; s < 3; s++) {
            a.step(straight::evaluate);
        }

        LBFGSProblems.Problem first = LBFGSProblems.logistic();
        LBFGS b = configured(LBFGS.of(first.parameters()));
        b.step(first::evaluate);
        OptimizerState saved = b.state();
        assertTrue(saved.get("old_dirs").length == 2 * 3, saved.toString()); // two pairs of 3 numbers (wrapped)

        LBFGSProblems.Problem resumed = LBFGSProblems.logistic();
        List<Parameter> ps = resumed.parameters();
        for (int i = 0; i < ps.size(); i++) {
            ps.get(i).set(first.parameters().get(i).snapshot());
        }
        LBFGS c = configured(LBFGS.of(ps));
        c.loadState(saved);
        assertEquals(saved, c.state());
        for (int s = 0; s < 2; s++) {
            c.step(resumed::evaluate);
        }
        assertArrayEquals(straight.flat(), resumed.flat(), 0);
        assertEquals(a.functionEvaluations(), c.functionEvaluations());
        assertEquals(a.iterations(), c.iterations());
    }

    static LBFGS configured(LBFGS opt) {
        return opt.maxIter(6).historySize(2).toleranceGrad(1e-14).toleranceChange(1e-16)
                .lineSearch(LBFGS.LineSearch.STRONG_WOLFE);
    }

    @Test
    void aBadStateIsRefusedAndChangesNothing() {
        LBFGSProblems.Problem p = LBFGSProblems.logistic();
        LBFGS opt = configured(LBFGS.of(p.parameters()));
        opt.step(p::evaluate);
        OptimizerState good = opt.state();

        Map<String, double[]> wrongSize = good.entries();
        wrongSize.put("d", new double[2]);
        assertMessage(() -> opt.loadState(new OptimizerState("LBFGS", wrongSize)), "'d' has 2 numbers");

        Map<String, double[]> extra = good.entries();
        extra.put("momentum", new double[1]);
        assertMessage(() -> opt.loadState(new OptimizerState("LBFGS", extra)), "unexpected entry 'momentum'");

        assertMessage(() -> LBFGS.of(p.parameters()).historySize(1).loadState(good), "historySize is 1");
        assertMessage(() -> opt.loadState(new OptimizerState("Adam", good.entries())), "from Adam");
        assertEquals(good, opt.state());
    }

    @Test
    void stepWithoutClosureAndBadOptionsAreRefusedByName() {
        Parameter p = Parameter.of(Tensor.of(new double[] {0}, 1));
        LBFGS opt = LBFGS.of(List.of(p));
        assertMessage(opt::step, "needs a closure");
        assertMessage(() -> opt.lr(-1), "lr");
        assertMessage(() -> opt.maxIter(0), "maxIter");
        assertMessage(() -> opt.maxEval(0), "maxEval");
        assertMessage(() -> opt.toleranceGrad(Double.NaN), "toleranceGrad");
        assertMessage(() -> opt.toleranceChange(-1e-9), "toleranceChange");
        assertMessage(() -> opt.historySize(0), "historySize");
        assertMessage(() -> opt.learningRate(1), "group 1 does not exist");
        assertMessage(() -> LBFGS.of(List.of(p, p)), "appears twice");
        assertMessage(() -> LBFGS.of(new ArrayList<Parameter>()), "no parameters");
        assertThrows(NullPointerException.class, () -> opt.step(null));
        assertThrows(NullPointerException.class, () -> opt.lineSearch(null));
    }

    @Test
    void aScheduleChangesTheStepLength() {
        Tensor w = Tensor.of(new double[] {0}, 1);
        LBFGS opt = LBFGS.of(List.of(Parameter.of(w))).maxIter(1);
        opt.setLearningRate(0, 0.25);
        opt.step(() -> {
            opt.zeroGrad();
            Tensor loss = w.sub(1).pow(2).sum().mul(0.5);
            loss.backward();
            return loss.item();
        });
        // first iteration: t = min(1, 1/|g|₁)·lr = 0.25 along d = −g = 1
        assertEquals(0.25, w.item(), 0);
    }

    static void assertMessage(Runnable r, String fragment) {
        RuntimeException e = assertThrows(RuntimeException.class, r::run);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment), e.getMessage());
    }
}
