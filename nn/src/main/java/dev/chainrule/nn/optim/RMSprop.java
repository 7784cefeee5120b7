package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, step for step as PyTorch's {@code torch.optim.RMSprop}:
 * <pre>
 * g ← ∇θ + λθ
 * v ← αv + (1−α)g²
 * centered: ḡ ← αḡ + (1−α)g,  denom = √(v − ḡ²) + ε;   else denom = √v + ε
 * μ > 0:    b ← μb + g/denom,  θ ← θ − lr·b;              else θ ← θ − lr·g/denom
 * </pre>
 * Defaults: lr 1e-2, α 0.99, ε 1e-8, λ = μ = 0, not centered.
 */
public final class RMSprop extends AbstractOptimizer<RMSprop, RMSprop.State> {
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    /** Per-parameter state: step count, square average, and the optional buffers. */
    static final class State {
        long step;
        final double[] squareAvg;
        final double[] gradAvg;
        final double[] momentumBuffer;

        State(double[] squareAvg, double[] gradAvg, double[] momentumBuffer) {
            this.squareAvg = squareAvg;
            this.gradAvg = gradAvg;
            this.momentumBuffer = momentumBuffer;
        }
    }

    private RMSprop(List<ParamGroup> groups) {
        super("RMSprop", groups, 1e-2);
    }

    /**
     * RMSprop over {@code params} with the default options.
     *
     * @param params the parameters to update
     * @return the optimizer
     */
    public static RMSprop of(List<? extends Parameter> params) {
        return new RMSprop(single("RMSprop", params));
    }

    /**
     * RMSprop over parameter groups (each may have its own learning rate).
     *
     * @param groups the parameter groups, each with its own learning rate
     * @return the optimizer
     */
    public static RMSprop of(ParamGroup... groups) {
        return new RMSprop(List.of(groups));
    }

    /**
     * Smoothing constant α ∈ [0, 1].
     *
     * @param alpha the smoothing constant of the squared-gradient average
     * @return this
     */
    public RMSprop alpha(double alpha) {
        this.alpha = Hyper.closedUnit("RMSprop", "alpha", alpha);
        return this;
    }

    /**
     * ε ≥ 0 added to the denominator.
     *
     * @param eps the term added to the denominator
     * @return this
     */
    public RMSprop eps(double eps) {
        this.eps = Hyper.nonNegative("RMSprop", "eps", eps);
        return this;
    }

    /**
     * L2 penalty λ ≥ 0 added to the gradient.
     *
     * @param weightDecay the L2 penalty factor
     * @return this
     */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("RMSprop", "weightDecay", weightDecay);
        return this;
    }

    /**
     * Momentum μ ≥ 0.
     *
     * @param momentum the momentum factor
     * @return this
     */
    public RMSprop momentum(double momentum) {
        this.momentum = Hyper.nonNegative("RMSprop", "momentum", momentum);
        return this;
    }

    /**
     * Normalise by the estimated variance instead of the raw second moment.
     *
     * @param centered whether to normalise by the gradient's variance rather than its second moment
     * @return this
     */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    State update(State s, double[] theta, double[] grad, double lr) {
        int n = theta.length;
        if (s == null) {
            s = new State(new double[n], centered ? new double[n] : null, momentum > 0 ? new double[n] : null);
        }
        checkBuffers(s);
        s.step++;
        double[] v = s.squareAvg;
        double[] ga = s.gradAvg;
        double[] b = s.momentumBuffer;
        for (int i = 0; i < n; i++) {
            double g = grad[i] + weightDecay * theta[i];
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            double denom;
            if (centered) {
                ga[i] = alpha * ga[i] + (1 - alpha) * g;
                denom = Math.sqrt(v[i] - ga[i] * ga[i]) + eps;
            } else {
                denom = Math.sqrt(v[i]) + eps;
            }
            if (momentum > 0) {
                b[i] = momentum * b[i] + g / denom;
                theta[i] -= lr * b[i];
            } else {
                theta[i] -= lr * g / denom;
            }
        }
        return s;
    }

    private void checkBuffers(State s) {
        if (centered && s.gradAvg == null || momentum > 0 && s.momentumBuffer == null) {
            throw new IllegalStateException("RMSprop: options changed after the first step (centered or momentum "
                    + "switched on); set them before stepping");
        }
    }

    @Override
    void save(State s, String prefix, Map<String, double[]> out) {
        out.put(prefix + "step", new double[] {s.step});
        out.put(prefix + "square_avg", s.squareAvg.clone());
        if (s.gradAvg != null) {
            out.put(prefix + "grad_avg", s.gradAvg.clone());
        }
        if (s.momentumBuffer != null) {
            out.put(prefix + "momentum_buffer", s.momentumBuffer.clone());
        }
    }

    @Override
    State load(String prefix, StateReader in, int size) {
        if (!in.has(prefix + "step")) {
            return null;
        }
        long step = in.count(prefix + "step");
        State s = new State(in.vector(prefix + "square_avg", size).clone(),
                centered ? in.vector(prefix + "grad_avg", size).clone() : null,
                momentum > 0 ? in.vector(prefix + "momentum_buffer", size).clone() : null);
        s.step = step;
        return s;
    }

    @Override
    String options() {
        return ", alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay + ", momentum=" + momentum
                + ", centered=" + centered;
    }
}
