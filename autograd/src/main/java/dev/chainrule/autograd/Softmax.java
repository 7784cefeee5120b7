package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Reduce;

/**
 * Op table for softmax and log-softmax along one axis: primitives backed by a real kernel
 * (shifted by the slice maximum, so logits of ±1000 stay finite), with rules written in
 * tensor ops that reuse the result, so gradients of gradients work.
 */
final class Softmax {
    private Softmax() {
    }

    /** s = exp(x) / Σ exp(x) along {@code axis}; d = s·(g - Σ g·s). */
    static Tensor softmax(Tensor a, int axis) {
        int ax = Shapes.axis("softmax", axis, a.shape.length);
        int[] dims = split(a.shape, ax);
        int[] one = {ax};
        return Elementwise.withResult("softmax", Reduce.softmax(a.doubles(), dims[0], dims[1], dims[2]), a.shape,
                (g, s) -> new Tensor[] {s.mul(g.sub(g.mul(s).sum(one, true)))}, a);
    }

    /** l = x - logSumExp(x) along {@code axis}; d = g - exp(l)·Σ g. */
    static Tensor logSoftmax(Tensor a, int axis) {
        int ax = Shapes.axis("logSoftmax", axis, a.shape.length);
        int[] dims = split(a.shape, ax);
        int[] one = {ax};
        return Elementwise.withResult("logSoftmax", Reduce.logSoftmax(a.doubles(), dims[0], dims[1], dims[2]),
                a.shape, (g, l) -> new Tensor[] {g.sub(l.exp().mul(g.sum(one, true)))}, a);
    }

    /** The shape seen as {@code [outer, n, inner]} around {@code axis}. */
    private static int[] split(int[] shape, int axis) {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return new int[] {outer, shape[axis], inner};
    }
}
