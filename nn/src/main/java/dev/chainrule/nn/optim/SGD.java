package dev.chainrule.nn.optim;

import dev.chainrule.nn.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and weight decay, step for
 * step as PyTorch's {@code torch.optim.SGD}:
 * <pre>
 * g ← ∇θ + λθ
 * if μ ≠ 0:  b ← g on the first step, else b ← μb + (1−τ)g
 *            g ← g + μb  (Nesterov)  or  g ← b
 * θ ← θ − lr·g
 * </pre>
 * Defaults: lr 1e-3, μ = τ = λ = 0, no Nesterov.
 * <pre>{@code SGD.of(params).lr(0.1).momentum(0.9).nesterov(true)}</pre>
 */
public final class SGD extends AbstractOptimizer<SGD, double[]> {
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    private SGD(List<ParamGroup> groups) {
        super("SGD", groups, 1e-3);
    }

    /**
     * SGD over {@code params} with the default options.
     *
     * @param params the parameters to update
     * @return the optimizer
     */
    public static SGD of(List<? extends Parameter> params) {
        return new SGD(single("SGD", params));
    }

    /**
     * SGD over parameter groups (each may have its own learning rate).
     *
     * @param groups the parameter groups, each with its own learning rate
     * @return the optimizer
     */
    public static SGD of(ParamGroup... groups) {
        return new SGD(List.of(groups));
    }

    /**
     * Momentum factor μ ≥ 0.
     *
     * @param momentum the momentum factor
     * @return this
     */
    public SGD momentum(double momentum) {
        this.momentum = Hyper.nonNegative("SGD", "momentum", momentum);
        checkNesterov();
        return this;
    }

    /**
     * Dampening τ ∈ [0, 1] of the gradient added to the momentum buffer.
     *
     * @param dampening the dampening of the momentum
     * @return this
     */
    public SGD dampening(double dampening) {
        this.dampening = Hyper.closedUnit("SGD", "dampening", dampening);
        checkNesterov();
        return this;
    }

    /**
     * Nesterov momentum (needs momentum > 0 and dampening 0, as in PyTorch).
     *
     * @param nesterov whether to use Nesterov momentum
     * @return this
     */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        checkNesterov();
        return this;
    }

    /**
     * L2 penalty λ ≥ 0 added to the gradient.
     *
     * @param weightDecay the L2 penalty factor
     * @return this
     */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("SGD", "weightDecay", weightDecay);
        return this;
    }

    private void checkNesterov() {
        if (nesterov && dampening != 0) {
            throw new IllegalArgumentException("SGD: nesterov needs dampening 0, got dampening " + dampening);
        }
    }

    @Override
    double[] update(double[] buf, double[] theta, double[] grad, double lr) {
        if (nesterov && momentum == 0) {
            throw new IllegalStateException("SGD: nesterov needs momentum > 0, got momentum 0");
        }
        boolean first = buf == null;
        if (momentum != 0 && first) {
            buf = new double[theta.length];
        }
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i] + weightDecay * theta[i];
            if (momentum != 0) {
                double b = first ? g : momentum * buf[i] + (1 - dampening) * g;
                buf[i] = b;
                g = nesterov ? g + momentum * b : b;
            }
            theta[i] -= lr * g;
        }
        return buf;
    }

    @Override
    void save(double[] buf, String prefix, Map<String, double[]> out) {
        out.put(prefix + "momentum_buffer", buf.clone());
    }

    @Override
    double[] load(String prefix, StateReader in, int size) {
        return in.has(prefix + "momentum_buffer") ? in.vector(prefix + "momentum_buffer", size).clone() : null;
    }

    @Override
    String options() {
        return ", momentum=" + momentum + ", dampening=" + dampening + ", nesterov=" + nesterov
                + ", weightDecay=" + weightDecay;
    }
}
