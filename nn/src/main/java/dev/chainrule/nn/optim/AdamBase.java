package dev.chainrule.nn.optim;

import java.util.List;
import java.util.Map;

/**
 * The Adam update shared by {@link Adam} (L2 weight decay added to the gradient) and
 * {@link AdamW} (decoupled weight decay applied to θ first):
 * <pre>
 * AdamW: θ ← θ(1 − lr·λ)          Adam: g ← ∇θ + λθ
 * m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  bc1 = 1−β1ᵗ,  bc2 = 1−β2ᵗ
 * AMSGrad: v̂ ← max(v̂, v), used in place of v
 * θ ← θ − (lr/bc1)·m / (√v/√bc2 + ε)
 * </pre>
 */
abstract class AdamBase<S extends AdamBase<S>> extends AbstractOptimizer<S, AdamBase.State> {
    private final String name;
    private final boolean decoupled;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;

    /** Per-parameter state: step t, first and second moments, and AMSGrad's running max. */
    static final class State {
        long step;
        final double[] expAvg;
        final double[] expAvgSq;
        final double[] maxExpAvgSq;

        State(double[] expAvg, double[] expAvgSq, double[] maxExpAvgSq) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.maxExpAvgSq = maxExpAvgSq;
        }
    }

    AdamBase(String name, List<ParamGroup> groups, boolean decoupled, double weightDecay) {
        super(name, groups, 1e-3);
        this.name = name;
        this.decoupled = decoupled;
        this.weightDecay = weightDecay;
    }

    /**
     * Decay rates β1, β2 ∈ [0, 1) of the first and second moment averages.
     *
     * @param beta1 the first moment's decay rate
     * @param beta2 the second moment's decay rate
     * @return this optimizer
     */
    public S betas(double beta1, double beta2) {
        this.beta1 = Hyper.unitInterval(name, "beta1", beta1);
        this.beta2 = Hyper.unitInterval(name, "beta2", beta2);
        return self();
    }

    /**
     * ε ≥ 0 added to the denominator.
     *
     * @param eps the term added to the denominator
     * @return this optimizer
     */
    public S eps(double eps) {
        this.eps = Hyper.nonNegative(name, "eps", eps);
        return self();
    }

    /**
     * Weight decay λ ≥ 0 (L2 for Adam, decoupled for AdamW).
     *
     * @param weightDecay the decay factor
     * @return this optimizer
     */
    public S weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative(name, "weightDecay", weightDecay);
        return self();
    }

    /**
     * Use the running maximum of the second moment (AMSGrad).
     *
     * @param amsgrad whether to use AMSGrad
     * @return this optimizer
     */
    public S amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    @Override
    final State update(State s, double[] theta, double[] grad, double lr) {
        int n = theta.length;
        if (s == null) {
            s = new State(new double[n], new double[n], amsgrad ? new double[n] : null);
        }
        if (amsgrad && s.maxExpAvgSq == null) {
            throw new IllegalStateException(name + ": amsgrad switched on after the first step; set it before stepping");
        }
        long t = ++s.step;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        double l2 = decoupled ? 0 : weightDecay;
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        double[] m = s.expAvg;
        double[] v = s.expAvgSq;
        double[] vmax = s.maxExpAvgSq;
        for (int i = 0; i < n; i++) {
            double g = grad[i] + l2 * theta[i];
            double th = theta[i] * shrink;
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double second = v[i];
            if (amsgrad) {
                vmax[i] = Math.max(vmax[i], v[i]);
                second = vmax[i];
            }
            theta[i] = th - stepSize * m[i] / (Math.sqrt(second) / bc2Sqrt + eps);
        }
        return s;
    }

    @Override
    final void save(State s, String prefix, Map<String, double[]> out) {
        out.put(prefix + "step", new double[] {s.step});
        out.put(prefix + "exp_avg", s.expAvg.clone());
        out.put(prefix + "exp_avg_sq", s.expAvgSq.clone());
        if (s.maxExpAvgSq != null) {
            out.put(prefix + "max_exp_avg_sq", s.maxExpAvgSq.clone());
        }
    }

    @Override
    final State load(String prefix, StateReader in, int size) {
        if (!in.has(prefix + "step")) {
            return null;
        }
        long step = in.count(prefix + "step");
        State s = new State(in.vector(prefix + "exp_avg", size).clone(), in.vector(prefix + "exp_avg_sq", size).clone(),
                amsgrad ? in.vector(prefix + "max_exp_avg_sq", size).clone() : null);
        s.step = step;
        return s;
    }

    @Override
    final String options() {
        return ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay
                + ", amsgrad=" + amsgrad;
    }
}
