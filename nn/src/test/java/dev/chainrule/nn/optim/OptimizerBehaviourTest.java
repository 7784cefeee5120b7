package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Groups, skipped parameters, state snapshots and hyperparameter validation. */
class OptimizerBehaviourTest {

    /** {@code steps} optimizer steps on the quadratic behind {@link #quadraticGrad}. */
    static void descend(Optimizer opt, Tensor w, int steps) {
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            quadraticGrad(w);
            opt.step();
        }
    }

    /** Gives {@code w} the gradient of ½Σ(w − 1)², i.e. w − 1, exactly. */
    static void quadraticGrad(Tensor w) {
        double[] th = w.toArray();
        double[] g = new double[th.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = th[i] - 1;
        }
        w.mul(Tensor.constant(g, th.length)).sum().backward();
    }

    @Test
    void eachGroupUsesItsOwnLearningRate() {
        Tensor a = Tensor.of(new double[] {0}, 1);
        Tensor b = Tensor.of(new double[] {0}, 1);
        SGD opt = SGD.of(ParamGroup.of(Parameter.of(a)), ParamGroup.of(Parameter.of(b)).lr(0.5)).lr(0.1);
        quadraticGrad(a);
        quadraticGrad(b);
        opt.step();
        assertEquals(0.1, a.toArray()[0], 0);   // 0 − 0.1·(0 − 1)
        assertEquals(0.5, b.toArray()[0], 0);
        assertEquals(0.1, opt.learningRate(0));
        assertEquals(0.5, opt.learningRate(1));
        opt.setLearningRate(0, 0.2);
        assertEquals(0.2, opt.learningRate(0));
    }

    @Test
    void parameterWithoutGradientIsSkippedAndKeepsNoState() {
        Tensor a = Tensor.of(new double[] {0}, 1);
        Tensor b = Tensor.of(new double[] {3}, 1);
        Adam opt = Adam.of(List.of(Parameter.of(a), Parameter.of(b))).lr(0.1);
        quadraticGrad(a);
        opt.step();
        assertEquals(3, b.toArray()[0], 0);
        assertNull(b.grad());
        OptimizerState s = opt.state();
        assertTrue(s.get("param.0.step") != null);
        assertNull(s.get("param.1.step"));
    }

    @Test
    void sameParameterTwiceIsRejected() {
        Parameter p = Parameter.of(Tensor.of(new double[] {0}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SGD.of(List.of(p, p)));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void badHyperparametersNameTheOption() {
        Parameter p = Parameter.of(Tensor.of(new double[] {0}, 1));
        assertMessage(() -> Adam.of(List.of(p)).betas(0.9, 1.0), "beta2");
        assertMessage(() -> Adam.of(List.of(p)).lr(-1), "lr");
        assertMessage(() -> RMSprop.of(List.of(p)).alpha(1.5), "alpha");
        assertMessage(() -> SGD.of(List.of(p)).momentum(0.9).dampening(0.1).nesterov(true), "dampening");
        assertMessage(() -> SGD.of(List.of(p)).weightDecay(Double.NaN), "weightDecay");
    }

    static void assertMessage(Runnable r, String word) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }

    /** Saving the state after 40 steps and loading it into a fresh optimizer continues the same trajectory. */
    @Test
    void stateRoundTripContinuesTheTrajectory() {
        for (Function<List<Parameter>, Optimizer> make : List.<Function<List<Parameter>, Optimizer>>of(
                p -> SGD.of(p).lr(0.05).momentum(0.9),
                p -> RMSprop.of(p).centered(true).momentum(0.3),
                p -> Adam.of(p).lr(0.05).amsgrad(true),
                p -> AdamW.of(p).lr(0.05))) {
            Tensor w1 = Tensor.of(new double[] {0.3, -2, 5}, 3);
            Optimizer o1 = make.apply(List.of(Parameter.of(w1)));
            descend(o1, w1, 80);
            Tensor w2 = Tensor.of(new double[] {0.3, -2, 5}, 3);
            Optimizer o2 = make.apply(List.of(Parameter.of(w2)));
            descend(o2, w2, 40);
            OptimizerState saved = o2.state();
            Tensor w3 = Tensor.of(w2.toArray(), 3);
            Optimizer o3 = make.apply(List.of(Parameter.of(w3)));
            o3.loadState(saved);
            assertEquals(saved, o3.state());
            descend(o3, w3, 40);
            assertArrayEquals(w1.toArray(), w3.toArray(), 0, o1.toString());
        }
    }

    @Test
    void loadStateRejectsMismatchesAndChangesNothing() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2);
        Adam opt = Adam.of(List.of(Parameter.of(w)));
        quadraticGrad(w);
        opt.step();
        OptimizerState before = opt.state();

        Map<String, double[]> e = before.entries();
        e.put("param.0.exp_avg", new double[] {1, 2, 3});
        assertMessage(() -> opt.loadState(new OptimizerState("Adam", e)), "param.0.exp_avg");

        Map<String, double[]> missing = before.entries();
        missing.remove("param.0.exp_avg_sq");
        assertMessage(() -> opt.loadState(new OptimizerState("Adam", missing)), "param.0.exp_avg_sq");

        Map<String, double[]> extra = before.entries();
        extra.put("param.7.exp_avg", new double[] {0, 0});
        assertMessage(() -> opt.loadState(new OptimizerState("Adam", extra)), "param.7.exp_avg");

        assertMessage(() -> opt.loadState(new OptimizerState("SGD", before.entries())), "SGD");
        assertEquals(before, opt.state());
    }

    @Test
    void aStepBeforeBackwardOnTheSameGraphIsRefused() {
        Tensor w = Tensor.of(new double[] {1, -2}, 2);
        SGD opt = SGD.of(List.of(Parameter.of(w))).lr(0.1);
        Tensor loss = w.mul(w).sum();
        loss.backward(Tensor.scalar(1), true);
        opt.step();                                         // changes w in place
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("zeroGrad, forward, backward, then step"), e.getMessage());
    }

    @Test
    void aSnapshotIsAReadAndKeepsTheGraphUsable() {
        Tensor w = Tensor.of(new double[] {1, -2}, 2);
        Parameter p = Parameter.of(w);
        Tensor loss = w.mul(w).sum();
        assertArrayEquals(new double[] {1, -2}, p.snapshot());   // e.g. a checkpoint save mid-step
        loss.backward();
        assertArrayEquals(new double[] {2, -4}, w.grad().toArray(), 1e-12);
    }
}
