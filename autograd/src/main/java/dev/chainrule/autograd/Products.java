package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Scan;

/**
 * Op table for the product reduction. Over several axes it is the product over one axis after
 * another (each exact, so their composition is); over one axis
 * {@code d/dx[k] = g·Π_{i≠k} x[i] = g·(prefix product before k)·(suffix product after k)},
 * both running products ({@link Scans#cumprod}), with no division: zeros in the input get
 * their exact gradient (the product of the others), and second order works through cumprod's
 * own rule. PyTorch's prod_backward divides by the input when it has no zeros and takes the
 * same route otherwise; the values agree.
 */
final class Products {
    private Products() {
    }

    /** The product over {@code axes} (an empty list reduces nothing; an empty axis gives 1, as PyTorch). */
    static Tensor prod(Tensor a, int[] axes, boolean keepDims) {
        Reductions.Axes ax = Reductions.Axes.of("prod", axes, a.shape);
        Tensor t = a;
        for (int d = 0; d < a.shape.length; d++) {
            if (ax.reduced[d]) {
                t = prodAlong(t, d);
            }
        }
        return ax.finish(t, keepDims);
    }

    /** The product of all elements, as a 0-dimensional tensor (1 for an empty tensor). */
    static Tensor prodAll(Tensor a) {
        return prod(a, Reductions.allAxes(a), false);
    }

    /** The product along axis {@code ax}, kept as size 1. */
    private static Tensor prodAlong(Tensor a, int ax) {
        int n = a.shape[ax], outer = ShapeOps.outer(a.shape, ax), inner = ShapeOps.inner(a.shape, ax);
        int[] kept = a.shape.clone();
        kept[ax] = 1;
        return Tensor.make("prod", Scan.prod(a.doubles(), outer, n, inner), kept, g -> new Tensor[] {
                g.mul(Scans.earlier(Scans.cumprod(a, ax, false), ax, false, 1))  // g broadcasts over the axis
                        .mul(Scans.earlier(Scans.cumprod(a, ax, true), ax, true, 1))}, a);
    }
}
