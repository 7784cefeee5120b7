package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Broadcast;
import dev.chainrule.autograd.kernel.Kernels;
import dev.chainrule.autograd.kernel.Reduce;
import java.util.Arrays;

/**
 * Op table for reductions and their inverse, broadcasting: forward and derivative side by
 * side. Each axis reduction is computed with the reduced axes kept (size 1), where its
 * gradient is one broadcast back ({@link #expand}); without keepDims the result is then
 * viewed in the shorter shape (a view's rule views the gradient back).
 *
 * <p>Axes may be negative (counted from the end); an empty axis list reduces nothing (as
 * NumPy); an out-of-range or repeated axis is refused naming the op.
 */
final class Reductions {
    private Reductions() {
    }

    static Tensor sumAll(Tensor a) {
        // float64 accumulation in either type, rounded once by make
        double s = a.dtype() == DType.F32 ? Kernels.sum(a.floats()) : Kernels.sum(a.doubles());
        int[] in = a.shape;
        return Tensor.make("sum", new double[] {s}, new int[0], Node.READS_NONE, g -> new Tensor[] {g.expand(in)}, a);
    }

    /** Sum down to {@code target} (the inverse of broadcasting); its derivative broadcasts back. */
    static Tensor sumTo(Tensor a, int[] target) {
        int[] t = Shapes.check("sumTo", target);
        int[] check = Shapes.broadcast("sumTo", t, a.shape);
        if (!Arrays.equals(check, a.shape)) {
            throw new IllegalArgumentException("sumTo: shape " + Arrays.toString(a.shape)
                    + " cannot be summed to " + Arrays.toString(t) + " (the target must broadcast to the source)");
        }
        if (Arrays.equals(t, a.shape)) {
            return a;
        }
        double[] out = new double[Shapes.size(t)]; // float64 accumulation for either type
        if (a.dtype() == DType.F32) {
            Broadcast.sumInto(a.floats(), a.shape, out, Shapes.broadcastStrides(t, a.shape));
        } else {
            Broadcast.sumInto(a.doubles(), a.shape, out, Shapes.broadcastStrides(t, a.shape));
        }
        int[] in = a.shape;
        return Tensor.make("sumTo", out, t, Node.READS_NONE, g -> new Tensor[] {g.expand(in)}, a);
    }

    /** Broadcast to {@code target} as a new tensor; its derivative sums back. -1 keeps an axis's size (as PyTorch). */
    static Tensor expand(Tensor a, int[] target) {
        int[] t = Shapes.check("expand", keepingSizes(a.shape, target));
        int[] check = Shapes.broadcast("expand", a.shape, t);
        if (!Arrays.equals(check, t)) {
            throw new IllegalArgumentException("expand: shape " + Arrays.toString(a.shape)
                    + " cannot be expanded to " + Arrays.toString(t));
        }
        if (Arrays.equals(t, a.shape)) {
            return a;
        }
        int[] in = a.shape;
        Tensor.Rule rule = g -> new Tensor[] {g.sumTo(in)};
        if (a.dtype() == DType.F32) {
            float[] out = new float[Shapes.size(t)];
            Broadcast.expand(a.floats(), Shapes.broadcastStrides(a.shape, t), t, out);
            return Tensor.make("expand", out, t, Node.READS_NONE, rule, a);
        }
        double[] out = new double[Shapes.size(t)];
        Broadcast.expand(a.doubles(), Shapes.broadcastStrides(a.shape, t), t, out);
        return Tensor.make("expand", out, t, Node.READS_NONE, rule, a);
    }

    /** {@code target} with each -1 replaced by the size of the input axis it lines up with (from the right). */
    private static int[] keepingSizes(int[] shape, int[] target) {
        java.util.Objects.requireNonNull(target, "expand: target shape is null");
        int[] t = target.clone();
        int lead = t.length - shape.length;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == -1) {
                if (i < lead) {
                    throw new IllegalArgumentException("expand: -1 at position " + i + " of " + Arrays.toString(target)
                            + " is a new leading axis of " + Arrays.toString(shape) + "; -1 keeps the size of an existing"
                            + " axis, so a new one needs its size");
                }
                t[i] = shape[i - lead];
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- axis reductions

    /** Sum over {@code axes}; d = the upstream gradient broadcast back over the reduced axes. */
    static Tensor sum(Tensor a, int[] axes, boolean keepDims) {
        Axes ax = Axes.of("sum", axes, a.shape);
        if (ax.none()) {
            return a;
        }
        double[] out = new double[Shapes.size(ax.kept)];
        Broadcast.sumInto(a.doubles(), a.shape, out, Shapes.broadcastStrides(ax.kept, a.shape));
        int[] in = a.shape;
        return ax.finish(Tensor.make("sum", out, ax.kept, Node.READS_NONE, g -> new Tensor[] {g.expand(in)}, a), keepDims);
    }

    /** Mean over {@code axes}: the sum divided by the number of reduced elements (NaN for none, as PyTorch). */
    static Tensor mean(Tensor a, int[] axes, boolean keepDims) {
        Axes ax = Axes.of("mean", axes, a.shape);
        return sum(a, axes, keepDims).div(ax.count);
    }

    /** Mean of all elements, as a 0-dimensional tensor. */
    static Tensor meanAll(Tensor a) {
        return sumAll(a).div(a.size());
    }

    /**
     * Maximum over {@code axes} (NaN propagates). The gradient is split evenly among the
     * elements equal to the maximum (PyTorch's amax), with constant weights; a slice whose
     * result is NaN gives it to its NaN elements, as torch.max() and torch.max(dim) do
     * (torch.amax would give the whole slice NaN: its mask {@code result == x} is all false).
     */
    static Tensor max(Tensor a, int[] axes, boolean keepDims) {
        return extremum("max", a, axes, keepDims, true);
    }

    /** Minimum over {@code axes}; ties share the gradient evenly, as {@link #max}. */
    static Tensor min(Tensor a, int[] axes, boolean keepDims) {
        return extremum("min", a, axes, keepDims, false);
    }

    private static Tensor extremum(String op, Tensor a, int[] axes, boolean keepDims, boolean isMax) {
        Axes ax = Axes.of(op, axes, a.shape);
        if (ax.none()) {
            return a;
        }
        int outSize = Shapes.size(ax.kept);
        if (ax.count == 0 && outSize > 0) {
            throw new IllegalArgumentException(op + ": cannot reduce shape " + Arrays.toString(a.shape)
                    + " over axes " + Arrays.toString(axes) + ": the reduced axes are empty, and an empty "
                    + op + " has no value");
        }
        int[] map = Reduce.outIndex(a.shape, Shapes.broadcastStrides(ax.kept, a.shape));
        double[] out = isMax ? Reduce.max(a.doubles(), map, outSize) : Reduce.min(a.doubles(), map, outSize);
        int[] in = a.shape;
        Tensor r = Tensor.make(op, out, ax.kept, g -> new Tensor[] {
                g.mul(Elementwise.constant(op, Reduce.tieWeights(a.doubles(), map, out), in, a))}, a); // g broadcasts
        return ax.finish(r, keepDims);
    }

    /** Maximum or minimum of all elements, as a 0-dimensional tensor. */
    static Tensor extremumAll(String op, Tensor a) {
        return extremum(op, a, allAxes(a), false, op.equals("max"));
    }

    /**
     * log Σ exp over {@code axes}, shifted by the slice maximum so it stays finite for large
     * logits; d = g·exp(x - result), the softmax, written with tensor ops. Empty slices give -∞.
     */
    static Tensor logSumExp(Tensor a, int[] axes, boolean keepDims) {
        Axes ax = Axes.of("logSumExp", axes, a.shape);
        if (ax.none()) {
            return a;
        }
        int outSize = Shapes.size(ax.kept);
        int[] map = Reduce.outIndex(a.shape, Shapes.broadcastStrides(ax.kept, a.shape));
        Tensor r = Elementwise.withResult("logSumExp", Reduce.logSumExp(a.doubles(), map, outSize), ax.kept,
                (g, out) -> new Tensor[] {g.mul(a.sub(out).exp())}, a); // g and out broadcast over the reduced axes
        return ax.finish(r, keepDims);
    }

    /**
     * Variance over {@code axes}: Σ (x - mean)² / (N - correction), with N the number of
     * reduced elements; correction 1 (PyTorch's default) is the unbiased estimate. Composed
     * of differentiable ops, so it needs no rule of its own. N - correction &le; 0 divides by
     * 0 and gives ∞ or NaN, as PyTorch does.
     */
    static Tensor var(Tensor a, int[] axes, boolean keepDims, int correction) {
        if (correction < 0) {
            throw new IllegalArgumentException("var: correction " + correction + " is negative (expected >= 0;"
                    + " 1 for the unbiased estimate, 0 for the population variance)");
        }
        Axes ax = Axes.of("var", axes, a.shape);
        Tensor d = a.sub(mean(a, axes, true));
        return sum(d.mul(d), axes, keepDims).div(Math.max(0, ax.count - correction));
    }

    /** Every axis of {@code a}, for reductions over all elements. */
    static int[] allAxes(Tensor a) {
        int[] axes = new int[a.shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    /** The checked axes of one reduction: which are reduced, the kept-dims shape and the dropped one. */
    static final class Axes {
        final boolean[] reduced;
        final int[] kept;
        final int[] dropped;
        /** Number of elements reduced into each output element. */
        final int count;

        private Axes(boolean[] reduced, int[] shape) {
            this.reduced = reduced;
            int rank = shape.length, n = 0, c = 1;
            kept = shape.clone();
            for (int d = 0; d < rank; d++) {
                if (reduced[d]) {
                    kept[d] = 1;
                    c *= shape[d];
                    n++;
                }
            }
            dropped = new int[rank - n];
            for (int d = 0, j = 0; d < rank; d++) {
                if (!reduced[d]) {
                    dropped[j++] = shape[d];
                }
            }
            count = c;
        }

        /** Normalises {@code axes} against {@code shape}: negative from the end, in range, no repeats. */
        static Axes of(String op, int[] axes, int[] shape) {
            if (axes == null) {
                throw new NullPointerException(op + ": axes is null");
            }
            boolean[] reduced = new boolean[shape.length];
            for (int axis : axes) {
                int d = Shapes.axis(op, axis, shape.length);
                if (reduced[d]) {
                    throw new IllegalArgumentException(op + ": axis " + axis + " is repeated in "
                            + Arrays.toString(axes) + " (shape " + Arrays.toString(shape) + ")");
                }
                reduced[d] = true;
            }
            return new Axes(reduced, shape);
        }

        /** True when no axis is reduced (the reduction is the identity). */
        boolean none() {
            return dropped.length == reduced.length;
        }

        /** The kept-dims result, or the same elements without the reduced axes. */
        Tensor finish(Tensor keptResult, boolean keepDims) {
            return keepDims ? keptResult : ShapeOps.view(keptResult, dropped);
        }
    }
}
