package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Layer normalization over the last axis, as PyTorch's {@code nn.LayerNorm(features)}: each
 * row is normalized with its own mean and biased variance, y = (x − mean)/√(var + eps)·weight
 * + bias. It behaves the same in training and eval mode and keeps no running statistics.
 * Parameters {@code weight} (ones) and {@code bias} (zeros) when affine.
 */
public final class LayerNorm extends Module {
    private final int features;
    private final double eps;
    private final boolean affine;

    /**
     * PyTorch's defaults: eps 1e-5, affine.
     *
     * @param features the size of the last axis
     */
    public LayerNorm(int features) {
        this(features, 1e-5, true);
    }

    /**
     * @param features the size of the last axis
     * @param eps      added to the variance before the square root, &gt; 0
     * @param affine   whether to learn a per-feature scale and shift
     */
    public LayerNorm(int features, double eps, boolean affine) {
        if (features <= 0 || !(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm: features must be > 0 and eps > 0, got " + features + ", "
                    + eps);
        }
        this.features = features;
        this.eps = eps;
        this.affine = affine;
        if (affine) {
            register("weight", Tensor.of(ones(features), features));
            register("bias", Tensor.of(new double[features], features));
        }
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "LayerNorm.forward: x is null");
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != features) {
            throw new IllegalArgumentException("LayerNorm.forward: input of shape " + Arrays.toString(s)
                    + " does not end in " + features + " features");
        }
        checkInputType("LayerNorm.forward", x);
        Tensor mean = x.mean(-1, true);
        Tensor var = x.var(new int[] {-1}, true, 0);
        Tensor y = x.sub(mean).div(var.add(eps).sqrt());
        return affine ? y.mul(parameter("weight")).add(parameter("bias")) : y;
    }

    /** {@code LayerNorm(features, eps)}. */
    @Override
    public String summary() {
        return "LayerNorm(" + features + ", eps " + eps + (affine ? "" : ", no affine") + ")";
    }
}
