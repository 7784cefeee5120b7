package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.Reduce;
import dev.chainrule.autograd.kernel.VectorNorm;
import java.util.Arrays;

/**
 * Op table for the standard deviation and the vector p-norms over any set of axes
 * (PyTorch's {@code torch.std} and {@code torch.linalg.vector_norm}). Subgradients follow
 * PyTorch's norm_backward: 0 for every p at a slice of zeros (so the 2-norm of the zero vector
 * has gradient 0), sign(x)·0 = 0 at a zero entry for p &le; 1, ties of the ∞-norms split evenly.
 */
final class Norms {
    private Norms() {
    }

    /**
     * The square root of {@link Reductions#var}, with the same correction (1, the unbiased
     * estimate, is PyTorch's default). Composed, so its derivative is var's and sqrt's: a
     * slice with zero spread has an infinite derivative and gives NaN, as PyTorch.
     */
    static Tensor std(Tensor a, int[] axes, boolean keepDims, int correction) {
        if (correction < 0) {
            throw new IllegalArgumentException("std: correction " + correction + " is negative (expected >= 0;"
                    + " 1 for the unbiased estimate, 0 for the population standard deviation)");
        }
        Reductions.Axes.of("std", axes, a.shape); // refuses a bad axis under this op's name
        return Reductions.var(a, axes, keepDims, correction).sqrt();
    }

    /**
     * The p-norm over {@code axes}: {@code (Σ |x|^p)^(1/p)} for finite p &gt; 0, the largest
     * (smallest) magnitude for p = ∞ (-∞), the number of non-zero entries for p = 0 (gradient
     * 0). An empty list of axes takes the norm of each element on its own.
     */
    static Tensor norm(Tensor a, double p, int[] axes, boolean keepDims) {
        if (Double.isNaN(p) || (p < 0 && p != Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException("norm: p = " + p + " is not a vector norm order of shape "
                    + Arrays.toString(a.shape) + " (expected p > 0, 0, Infinity or -Infinity)");
        }
        Reductions.Axes ax = Reductions.Axes.of("norm", axes, a.shape);
        int outSize = Shapes.size(ax.kept);
        if (Double.isInfinite(p)) {
            if (ax.count == 0 && outSize > 0) {
                throw new IllegalArgumentException("norm: cannot take the " + p + "-norm of shape "
                        + Arrays.toString(a.shape) + " over axes " + Arrays.toString(axes)
                        + ": the reduced axes are empty, and an empty maximum has no value");
            }
            // ties split the gradient evenly, as PyTorch's norm_backward for ±∞
            Tensor m = a.abs();
            return p > 0 ? m.max(axes, keepDims) : m.min(axes, keepDims);
        }
        int[] map = Reduce.outIndex(a.shape, Shapes.broadcastStrides(ax.kept, a.shape));
        int[] in = a.shape;
        Tensor r;
        if (p == 0) {
            r = Tensor.make("norm", VectorNorm.countNonZero(a.doubles(), map, outSize), ax.kept, Node.READS_NONE,
                    g -> new Tensor[] {Tensor.zeros(in)}, a);
        } else {
            r = Elementwise.withResult("norm", VectorNorm.pNorm(a.doubles(), map, outSize, p), ax.kept,
                    (g, out) -> new Tensor[] {g.mul(pNormDerivative(a, out, p))}, a); // g and out broadcast back
        }
        return ax.finish(r, keepDims);
    }

    /**
     * d‖x‖_p/dx = sign(x)·|x|^(p-1)·‖x‖^(1-p), with the slice norm in the kept shape; for p = 2
     * simply x/‖x‖. Zeros are made harmless rather than masked afterwards: the norm is replaced
     * by 1 where it is 0, and |x| by 1 where x is 0 (where sign(x) = 0 anyway), so neither the
     * value nor its own derivative meets 0/0 or 0·∞.
     */
    private static Tensor pNormDerivative(Tensor x, Tensor norm, double p) {
        Tensor safeNorm = norm.add(norm.eq(0));
        if (p == 2) {
            return x.div(safeNorm);
        }
        Tensor sign = Elementwise.constant("norm", Kernels.map(x.doubles(), Math::signum), x.shape, x);
        if (p == 1) {
            return sign;
        }
        Tensor safeAbs = x.abs().add(x.eq(0));
        return sign.mul(safeAbs.pow(p - 1)).mul(safeNorm.pow(1 - p));
    }
}
