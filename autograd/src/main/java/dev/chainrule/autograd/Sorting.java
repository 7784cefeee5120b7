package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Reduce;
import dev.chainrule.autograd.kernel.Sort;
import java.util.Arrays;

/**
 * Op table for sorting and selecting along one axis: sort, topk, argmax/argmin and median.
 * The positions are computed by a kernel and returned as a constant index tensor; the values
 * are {@link IndexOps#gather gathered} at them, so their gradient is gather's (a scatter-add of
 * g to the chosen elements, whose own derivative is the gather again) and second order works.
 * Orders follow PyTorch: a stable sort, NaN after every number (first when descending), the
 * first index on ties for argmax/argmin, a NaN as the extreme.
 */
final class Sorting {
    private Sorting() {
    }

    /** Sorted values and their positions along {@code axis}; equal elements keep their order. */
    static Tensor.Sorted sort(Tensor a, int axis, boolean descending) {
        int ax = Shapes.axis("sort", axis, a.shape.length);
        return firstSorted(a, ax, a.shape[ax], descending);
    }

    /**
     * The {@code k} largest values along {@code axis}, largest first, and their positions: the
     * first k of the stable descending sort, so of equal values the earlier comes first
     * (PyTorch's order among ties is unspecified).
     */
    static Tensor.Sorted topk(Tensor a, int k, int axis) {
        int ax = Shapes.axis("topk", axis, a.shape.length);
        int n = a.shape[ax];
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("topk: k = " + k + " is out of range for axis " + axis + " of length "
                    + n + " in shape " + Arrays.toString(a.shape) + " (expected 0 <= k <= " + n + ")");
        }
        return firstSorted(a, ax, k, true);
    }

    private static Tensor.Sorted firstSorted(Tensor a, int ax, int k, boolean descending) {
        int[] s = a.shape.clone();
        s[ax] = k;
        double[] pos = Sort.sortedPositions(a.doubles(), ShapeOps.outer(a.shape, ax), a.shape[ax], ShapeOps.inner(a.shape, ax),
                k, descending);
        Tensor indices = Tensor.constant(pos, s);
        return new Tensor.Sorted(IndexOps.gather(a, ax, indices), indices);
    }

    /**
     * The position of the largest ({@code max}) or smallest element along {@code axis}, the first
     * on a tie, the first NaN if any: a constant (no gradient), the axis dropped unless {@code keepDims}.
     */
    static Tensor argExtremum(String op, Tensor a, int axis, boolean keepDims, boolean max) {
        int ax = Shapes.axis(op, axis, a.shape.length);
        int n = a.shape[ax];
        nonEmpty(op, a, axis, n);
        double[] pos = Sort.argExtremum(a.doubles(), ShapeOps.outer(a.shape, ax), n, ShapeOps.inner(a.shape, ax), max);
        return Tensor.constant(pos, reducedShape(a.shape, ax, keepDims));
    }

    /** As {@link #argExtremum} over all elements: the row-major position, as a 0-dimensional constant. */
    static Tensor argExtremumAll(String op, Tensor a, boolean max) {
        if (a.size() == 0) {
            throw new IllegalArgumentException(op + ": tensor of shape " + Arrays.toString(a.shape)
                    + " is empty, and an empty tensor has no " + (max ? "largest" : "smallest") + " element");
        }
        return Tensor.constant(Sort.argExtremum(a.doubles(), 1, a.size(), 1, max), new int[0]);
    }

    /**
     * The lower median along {@code axis} (element (n-1)/2 of the stable ascending order, as
     * torch.median) and its position; NaN where the slice has one, at its first NaN. The value's
     * gradient goes to that one element. Among equal medians the position is the one the stable
     * sort puts at (n-1)/2 (PyTorch does not document its choice; it agreed on every case tried).
     */
    static Tensor.Sorted median(Tensor a, int axis, boolean keepDims) {
        int ax = Shapes.axis("median", axis, a.shape.length);
        int n = a.shape[ax];
        nonEmpty("median", a, axis, n);
        double[] pos = Sort.lowerMedian(a.doubles(), ShapeOps.outer(a.shape, ax), n, ShapeOps.inner(a.shape, ax));
        Tensor kept = Tensor.constant(pos, reducedShape(a.shape, ax, true));
        Tensor values = IndexOps.gather(a, ax, kept);
        if (keepDims) {
            return new Tensor.Sorted(values, kept);
        }
        int[] dropped = reducedShape(a.shape, ax, false);
        return new Tensor.Sorted(ShapeOps.view(values, dropped), kept.view(dropped));
    }

    /**
     * The lower median of all elements, as a 0-dimensional tensor. As torch.median() (and this
     * library's max()), the gradient is split evenly among the elements equal to it (to the NaN
     * elements when it is NaN).
     */
    static Tensor medianAll(Tensor a) {
        if (a.size() == 0) {
            throw new IllegalArgumentException("median: tensor of shape " + Arrays.toString(a.shape)
                    + " is empty, and an empty tensor has no median");
        }
        double m = a.doubles()[(int) Sort.lowerMedian(a.doubles(), 1, a.size(), 1)[0]];
        double[] out = {m};
        int[] in = a.shape;
        double[] weights = Reduce.tieWeights(a.doubles(), new int[a.size()], out);
        return Tensor.make("median", out, new int[0], g -> new Tensor[] {
                g.mul(Elementwise.constant("median", weights, in, a))}, a); // g broadcasts
    }

    private static void nonEmpty(String op, Tensor a, int axis, int n) {
        if (n == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Arrays.toString(a.shape)
                    + " is empty, and an empty slice has no " + (op.equals("median") ? "median" : "extreme element"));
        }
    }

    private static int[] reducedShape(int[] shape, int ax, boolean keepDims) {
        if (keepDims) {
            int[] s = shape.clone();
            s[ax] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != ax) {
                s[j++] = shape[d];
            }
        }
        return s;
    }
}
