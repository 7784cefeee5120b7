package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer and option set, 100 steps on a fixed problem, against a trajectory derived
 * independently.
 *
 * <p>How the expected trajectories are derived: the problem is the quadratic
 * f(θ) = Σ ½·a_i·(θ_i − c_i)² with the known gradient a_i·(θ_i − c_i). For each coordinate the
 * test runs its own scalar re-implementation of the update rules, written directly from the
 * formulas of the issue (PyTorch's documented algorithms) in the classes {@link RefSgd},
 * {@link RefRmsprop} and {@link RefAdam} below: plain {@code double} fields for the state, no
 * arrays, no shared code with the optimizers. The optimizer under test receives the same
 * gradient through the engine (backward of Σ θ_i·g_i, whose gradient is exactly g), and after
 * every one of the 100 steps every coordinate must agree with the reference to 1e-12.
 * Tensor parameters and {@code Value} parameters are both checked.
 */
class OptimizerTrajectoryTest {
    static final double[] A = {1.0, 4.0, 0.25};
    static final double[] C = {1.0, -2.0, 0.5};
    static final double[] THETA0 = {0.3, 0.7, -1.2};
    static final int STEPS = 100;

    /** One coordinate's reference optimizer: the new θ from the old θ and its gradient. */
    interface Ref {
        double next(double theta, double grad);
    }

    static double grad(int i, double theta) {
        return A[i] * (theta - C[i]);
    }

    /** Runs the optimizer on a tensor parameter and on a Value parameter, comparing both with the reference. */
    static void check(Function<List<Parameter>, Optimizer> make, Supplier<Ref> ref) {
        // reference trajectory
        double[][] expected = new double[STEPS][A.length];
        for (int i = 0; i < A.length; i++) {
            Ref r = ref.get();
            double th = THETA0[i];
            for (int t = 0; t < STEPS; t++) {
                th = r.next(th, grad(i, th));
                expected[t][i] = th;
            }
        }
        // the same run on a tensor parameter and on a Value parameter
        Tensor w = Tensor.of(THETA0, 3);
        follow("tensor", make.apply(List.of(Parameter.of(w))), expected, w::toArray,
                g -> w.mul(Tensor.constant(g, 3)).sum().backward());
        List<Value> vs = Value.listOf(THETA0);
        follow("values", make.apply(List.of(Parameter.of(vs))), expected,
                () -> vs.stream().mapToDouble(Value::data).toArray(), g -> {
                    List<Value> gs = new ArrayList<>();
                    for (double gi : g) {
                        gs.add(Value.constant(gi));
                    }
                    Value.dot(vs, gs).backward();
                });
    }

    /**
     * Steps {@code opt} STEPS times, each time handing the parameter the problem's gradient at
     * its current θ through the engine ({@code backward}), and compares θ with the reference.
     */
    private static void follow(String kind, Optimizer opt, double[][] expected, Supplier<double[]> theta,
                               Consumer<double[]> backward) {
        for (int t = 0; t < STEPS; t++) {
            opt.zeroGrad();
            double[] th = theta.get();
            double[] g = new double[th.length];
            for (int i = 0; i < th.length; i++) {
                g[i] = grad(i, th[i]);
            }
            backward.accept(g);
            opt.step();
            double[] got = theta.get();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[t][i], got[i], 1e-12, kind + ", step " + (t + 1) + ", coordinate " + i);
            }
        }
    }

    /** SGD from the issue: g ← g + λθ; b ← g first, else μb + (1−τ)g; Nesterov g + μb else b; θ ← θ − lr·that. */
    static final class RefSgd implements Ref {
        final double lr, mu, tau, lambda;
        final boolean nesterov;
        double b;
        boolean first = true;

        RefSgd(double lr, double mu, double tau, double lambda, boolean nesterov) {
            this.lr = lr;
            this.mu = mu;
            this.tau = tau;
            this.lambda = lambda;
            this.nesterov = nesterov;
        }

        @Override
        public double next(double theta, double g) {
            g = g + lambda * theta;
            double d = g;
            if (mu != 0) {
                b = first ? g : mu * b + (1 - tau) * g;
                first = false;
                d = nesterov ? g + mu * b : b;
            }
            return theta - lr * d;
        }
    }

    /** RMSprop from the issue. */
    static final class RefRmsprop implements Ref {
        final double lr, alpha, eps, lambda, mu;
        final boolean centered;
        double v, gbar, b;

        RefRmsprop(double lr, double alpha, double eps, double lambda, double mu, boolean centered) {
            this.lr = lr;
            this.alpha = alpha;
            this.eps = eps;
            this.lambda = lambda;
            this.mu = mu;
            this.centered = centered;
        }

        @Override
        public double next(double theta, double g) {
            g = g + lambda * theta;
            v = alpha * v + (1 - alpha) * g * g;
            double denom;
            if (centered) {
                gbar = alpha * gbar + (1 - alpha) * g;
                denom = Math.sqrt(v - gbar * gbar) + eps;
            } else {
                denom = Math.sqrt(v) + eps;
            }
            if (mu > 0) {
                b = mu * b + g / denom;
                return theta - lr * b;
            }
            return theta - lr * g / denom;
        }
    }

    /** Adam (decoupled = false) and AdamW (decoupled = true) from the issue. */
    static final class RefAdam implements Ref {
        final double lr, b1, b2, eps, lambda;
        final boolean amsgrad, decoupled;
        double m, v, vhat;
        int t;

        RefAdam(double lr, double b1, double b2, double eps, double lambda, boolean amsgrad, boolean decoupled) {
            this.lr = lr;
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
            this.lambda = lambda;
            this.amsgrad = amsgrad;
            this.decoupled = decoupled;
        }

        @Override
        public double next(double theta, double g) {
            t++;
            if (decoupled) {
                theta = theta * (1 - lr * lambda);
            } else {
                g = g + lambda * theta;
            }
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            double vv = v;
            if (amsgrad) {
                vhat = Math.max(vhat, v);
                vv = vhat;
            }
            return theta - (lr / bc1) * m / (Math.sqrt(vv) / Math.sqrt(bc2) + eps);
        }
    }

    @Test
    void sgdPlain() {
        check(p -> SGD.of(p).lr(0.1), () -> new RefSgd(0.1, 0, 0, 0, false));
    }

    @Test
    void sgdDefaultLearningRate() {
        check(SGD::of, () -> new RefSgd(1e-3, 0, 0, 0, false));
    }

    @Test
    void sgdMomentum() {
        check(p -> SGD.of(p).lr(0.05).momentum(0.9), () -> new RefSgd(0.05, 0.9, 0, 0, false));
    }

    @Test
    void sgdMomentumDampening() {
        check(p -> SGD.of(p).lr(0.05).momentum(0.8).dampening(0.3), () -> new RefSgd(0.05, 0.8, 0.3, 0, false));
    }

    @Test
    void sgdNesterov() {
        check(p -> SGD.of(p).lr(0.05).momentum(0.9).nesterov(true), () -> new RefSgd(0.05, 0.9, 0, 0, true));
    }

    @Test
    void sgdWeightDecayMomentumNesterov() {
        check(p -> SGD.of(p).lr(0.03).momentum(0.7).nesterov(true).weightDecay(0.1),
                () -> new RefSgd(0.03, 0.7, 0, 0.1, true));
    }

    @Test
    void sgdWeightDecayOnly() {
        check(p -> SGD.of(p).lr(0.1).weightDecay(0.5), () -> new RefSgd(0.1, 0, 0, 0.5, false));
    }

    @Test
    void rmspropPlain() {
        check(p -> RMSprop.of(p), () -> new RefRmsprop(1e-2, 0.99, 1e-8, 0, 0, false));
    }

    @Test
    void rmspropCentered() {
        check(p -> RMSprop.of(p).lr(0.01).alpha(0.9).centered(true), () -> new RefRmsprop(0.01, 0.9, 1e-8, 0, 0, true));
    }

    @Test
    void rmspropMomentum() {
        check(p -> RMSprop.of(p).lr(0.005).momentum(0.9), () -> new RefRmsprop(0.005, 0.99, 1e-8, 0, 0.9, false));
    }

    @Test
    void rmspropCenteredMomentumWeightDecayEps() {
        check(p -> RMSprop.of(p).lr(0.005).alpha(0.95).eps(1e-6).weightDecay(0.05).momentum(0.5).centered(true),
                () -> new RefRmsprop(0.005, 0.95, 1e-6, 0.05, 0.5, true));
    }

    @Test
    void adamDefaults() {
        check(Adam::of, () -> new RefAdam(1e-3, 0.9, 0.999, 1e-8, 0, false, false));
    }

    @Test
    void adamBetasLr() {
        check(p -> Adam.of(p).lr(0.05).betas(0.8, 0.99), () -> new RefAdam(0.05, 0.8, 0.99, 1e-8, 0, false, false));
    }

    @Test
    void adamWeightDecay() {
        check(p -> Adam.of(p).lr(0.02).weightDecay(0.1), () -> new RefAdam(0.02, 0.9, 0.999, 1e-8, 0.1, false, false));
    }

    @Test
    void adamAmsgrad() {
        check(p -> Adam.of(p).lr(0.05).amsgrad(true), () -> new RefAdam(0.05, 0.9, 0.999, 1e-8, 0, true, false));
    }

    @Test
    void adamAmsgradWeightDecayEps() {
        check(p -> Adam.of(p).lr(0.05).eps(1e-3).weightDecay(0.2).amsgrad(true),
                () -> new RefAdam(0.05, 0.9, 0.999, 1e-3, 0.2, true, false));
    }

    @Test
    void adamWDefaults() {
        check(p -> AdamW.of(p).lr(0.02), () -> new RefAdam(0.02, 0.9, 0.999, 1e-8, 1e-2, false, true));
    }

    @Test
    void adamWStrongDecayAmsgradBetas() {
        check(p -> AdamW.of(p).lr(0.03).weightDecay(0.5).amsgrad(true).betas(0.85, 0.995),
                () -> new RefAdam(0.03, 0.85, 0.995, 1e-8, 0.5, true, true));
    }
}
