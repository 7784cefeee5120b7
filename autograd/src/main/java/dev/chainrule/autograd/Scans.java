package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Scan;

/**
 * Op table for scans along one axis: cumulative sum, product and log-sum-exp, each forward
 * beside its derivative, plus the one primitive their derivatives share, the first-order
 * linear recurrence {@code h[k] = b[k] + a[k]·h[k-1]}. Its adjoint is the same recurrence run
 * backwards, so every rule here is written in ops of this file (and slices, pads, products),
 * and gradients of any order follow.
 *
 * <p>No rule divides by the input: {@code cumprod}'s gradient is a product of the earlier
 * outputs and a backward recurrence, exact when the input has zeros (PyTorch's
 * cumprod_backward needs a separate O(n²) path for that); {@code logCumSumExp}'s only
 * exponentiates differences that are at most 0.
 */
final class Scans {
    private Scans() {
    }

    /** Running sums along {@code axis}; d = the running sums of g taken from the other end. */
    static Tensor cumsum(Tensor a, int axis) {
        return cumsum(a, Shapes.axis("cumsum", axis, a.shape.length), false);
    }

    private static Tensor cumsum(Tensor a, int ax, boolean reverse) {
        int n = a.shape[ax], outer = ShapeOps.outer(a.shape, ax), inner = ShapeOps.inner(a.shape, ax);
        return Tensor.make("cumsum", Scan.cumsum(a.doubles(), outer, n, inner, reverse), a.shape, Node.READS_NONE,
                g -> new Tensor[] {cumsum(g, ax, !reverse)}, a);
    }

    /**
     * Running products along {@code axis}. With y the result,
     * {@code d/dx[k] = Σ_{j≥k} g[j]·Π_{i≤j, i≠k} x[i] = y[k-1]·S[k]}, where
     * {@code S[k] = g[k] + x[k+1]·S[k+1]} is a backward linear recurrence: no division, so zeros
     * in the input are exact.
     */
    static Tensor cumprod(Tensor a, int axis) {
        return cumprod(a, Shapes.axis("cumprod", axis, a.shape.length), false);
    }

    /** Running products along {@code ax}, from the end when {@code reverse} (also used by prod). */
    static Tensor cumprod(Tensor a, int ax, boolean reverse) {
        int n = a.shape[ax], outer = ShapeOps.outer(a.shape, ax), inner = ShapeOps.inner(a.shape, ax);
        return Elementwise.withResult("cumprod", Scan.cumprod(a.doubles(), outer, n, inner, reverse), a.shape,
                (g, y) -> new Tensor[] {earlier(y, ax, reverse, 1)
                        .mul(linearRecurrence(g, later(a, ax, reverse, 0), ax, !reverse))}, a);
    }

    /**
     * Running log Σ exp along {@code axis}, stable for inputs of any magnitude. With y the
     * result, {@code d/dx[k] = Σ_{j≥k} g[j]·exp(x[k] - y[j]) = exp(x[k] - y[k])·S[k]} with
     * {@code S[k] = g[k] + exp(y[k] - y[k+1])·S[k+1]}; y never decreases and x[k] &le; y[k], so
     * both exponents are at most 0. Where y is still -∞ (a leading run of -∞ inputs) the
     * gradient is 0 (PyTorch gives NaN there).
     */
    static Tensor logCumSumExp(Tensor a, int axis) {
        int ax = Shapes.axis("logCumSumExp", axis, a.shape.length);
        int n = a.shape[ax], outer = ShapeOps.outer(a.shape, ax), inner = ShapeOps.inner(a.shape, ax);
        return Elementwise.withResult("logCumSumExp", Scan.logCumSumExp(a.doubles(), outer, n, inner), a.shape,
                (g, y) -> {
                    if (n == 0) {
                        return new Tensor[] {g};
                    }
                    Tensor minusInf = Tensor.scalar(Double.NEGATIVE_INFINITY);
                    Tensor stillEmpty = y.eq(minusInf); // a constant mask: y[k] = -∞
                    // exp(y[k] - y[k+1]), 0 at the last element and where y[k] = -∞ (where, not a
                    // product with the mask: the masked differences are NaN, and where's rule gives
                    // them a zero gradient without multiplying by them)
                    Tensor ratio = Tensor.where(stillEmpty.add(slab(y, ax, n - 1, 1)), minusInf,
                            y.sub(later(y, ax, false, 0))).exp();
                    Tensor weight = Tensor.where(stillEmpty, minusInf, a.sub(y)).exp();
                    return new Tensor[] {weight.mul(linearRecurrence(g, ratio, ax, true))};
                }, a);
    }

    /**
     * {@code h[k] = b[k] + a[k]·h[prev]} along {@code ax} (prev = k-1, or k+1 when {@code reverse};
     * h before the first element is 0, so the first {@code a} is unused). With λ the adjoint,
     * {@code λ[k] = g[k] + a[next]·λ[next]}, the same recurrence the other way round:
     * d/db = λ and d/da[k] = λ[k]·h[prev].
     */
    static Tensor linearRecurrence(Tensor b, Tensor a, int ax, boolean reverse) {
        int n = b.shape[ax], outer = ShapeOps.outer(b.shape, ax), inner = ShapeOps.inner(b.shape, ax);
        return Elementwise.withResult("linearRecurrence", Scan.linearRecurrence(b.doubles(), a.doubles(), outer, n, inner, reverse),
                b.shape, (g, h) -> {
                    Tensor lambda = linearRecurrence(g, later(a, ax, reverse, 0), ax, !reverse);
                    return new Tensor[] {lambda, lambda.mul(earlier(h, ax, reverse, 0))};
                }, b, a);
    }

    // ---------------------------------------------------------------- shifts along the scan

    /**
     * Each element replaced by the one before it in scan order ({@code t[k-1]}, or {@code t[k+1]}
     * when {@code reverse}), and {@code fill} at the first position: a slice placed one step on,
     * so it is differentiable.
     */
    static Tensor earlier(Tensor t, int ax, boolean reverse, double fill) {
        int n = t.shape[ax];
        if (n == 0) {
            return t;
        }
        Tensor shifted = reverse
                ? ShapeOps.pad(ShapeOps.slice(t, ax, 1, n), ax, 0, n)
                : ShapeOps.pad(ShapeOps.slice(t, ax, 0, n - 1), ax, 1, n);
        return fill == 0 ? shifted : shifted.add(slab(t, ax, reverse ? n - 1 : 0, fill));
    }

    /** Each element replaced by the one after it in scan order, {@code fill} at the last position. */
    static Tensor later(Tensor t, int ax, boolean reverse, double fill) {
        return earlier(t, ax, !reverse, fill);
    }

    /** A constant of t's shape holding {@code value} at position {@code k} of axis {@code ax}, 0 elsewhere. */
    private static Tensor slab(Tensor t, int ax, int k, double value) {
        int[] s = t.shape.clone();
        int n = s[ax];
        s[ax] = 1;
        return ShapeOps.pad(Tensor.full(t.dtype(), value, s), ax, k, n);
    }
}
