package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Batch normalization over the batch axis of x [batch, features], as PyTorch's
 * {@code nn.BatchNorm1d}: in training mode each feature is normalized with the batch's mean
 * and biased variance, y = (x − mean)/√(var + eps)·weight + bias, and the running statistics
 * move towards the batch's: running = (1 − momentum)·running + momentum·batch, with the
 * unbiased variance (n − 1 in the denominator) for {@code running_var}. In eval mode the
 * running statistics normalize instead. Parameters {@code weight} (ones) and {@code bias}
 * (zeros) when affine; buffers {@code running_mean} (zeros) and {@code running_var} (ones).
 */
public final class BatchNorm1d extends Module {
    private final int features;
    private final double eps;
    private final double momentum;
    private final boolean affine;
    private final Buffer runningMean;
    private final Buffer runningVar;

    /**
     * PyTorch's defaults: eps 1e-5, momentum 0.1, affine.
     *
     * @param features the size of the last axis
     */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    /**
     * @param features the size of the feature axis
     * @param eps      added to the variance before the square root, &gt; 0
     * @param momentum weight of the batch in the running statistics, in [0, 1]
     * @param affine   whether to learn a per-feature scale and shift
     */
    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        if (features <= 0) {
            throw new IllegalArgumentException("BatchNorm1d: features must be > 0, got " + features);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d: eps must be > 0 and momentum in [0, 1], got eps " + eps
                    + ", momentum " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        if (affine) {
            register("weight", Tensor.of(filled(1.0), features));
            register("bias", Tensor.of(new double[features], features));
        }
        this.runningMean = buffer("running_mean", Tensor.zeros(features));
        this.runningVar = buffer("running_var", Tensor.ones(features));
    }

    private double[] filled(double v) {
        double[] a = new double[features];
        Arrays.fill(a, v);
        return a;
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "BatchNorm1d.forward: x is null");
        int[] s = x.shape();
        if (s.length != 2 || s[1] != features) {
            throw new IllegalArgumentException("BatchNorm1d.forward: expected input [batch, " + features + "], got "
                    + Arrays.toString(s));
        }
        checkInputType("BatchNorm1d.forward", x);
        Tensor mean;
        Tensor var;
        if (isTraining()) {
            if (s[0] < 2) {
                // the batch variance of one row is 0 and its unbiased variance undefined (PyTorch refuses too)
                throw new IllegalArgumentException("BatchNorm1d.forward: training needs more than 1 row per batch, got "
                        + Arrays.toString(s) + " (use eval() for single rows)");
            }
            mean = x.mean(0);
            var = x.var(new int[] {0}, false, 0);
            updateRunningStatistics(mean, var, s[0]);
        } else {
            mean = runningMean.get();
            var = runningVar.get();
        }
        Tensor y = x.sub(mean).div(var.add(eps).sqrt());
        return affine ? y.mul(weight()).add(bias()) : y;
    }

    /** Replaces the running statistics (never written in place) by their moving averages with this batch. */
    private void updateRunningStatistics(Tensor mean, Tensor biasedVar, int n) {
        double unbias = n / (n - 1.0); // constants in, constants out: no graph is recorded
        runningMean.set(runningMean.get().mul(1 - momentum).add(mean.detach().mul(momentum)));
        runningVar.set(runningVar.get().mul(1 - momentum).add(biasedVar.detach().mul(momentum * unbias)));
    }

    /**
     * The running mean [features] (a constant).
     *
     * @return the running mean
     */
    public Tensor runningMean() {
        return runningMean.get();
    }

    /**
     * The running unbiased variance [features] (a constant).
     *
     * @return the running variance
     */
    public Tensor runningVar() {
        return runningVar.get();
    }

    /**
     * The scale [features], or null when not affine.
     *
     * @return the scale leaf, or null
     */
    public Tensor weight() {
        return affine ? parameter("weight") : null;
    }

    /**
     * The shift [features], or null when not affine.
     *
     * @return the shift leaf, or null
     */
    public Tensor bias() {
        return affine ? parameter("bias") : null;
    }

    /** {@code BatchNorm1d(features, eps, momentum)}. */
    @Override
    public String summary() {
        return "BatchNorm1d(" + features + ", eps " + eps + ", momentum " + momentum + (affine ? "" : ", no affine")
                + ")";
    }
}
