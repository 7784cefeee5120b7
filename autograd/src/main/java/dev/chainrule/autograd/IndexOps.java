package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.Strided;
import java.util.Arrays;
import java.util.Objects;

/**
 * Op table for indexing: each forward beside its derivative rule. A selection's adjoint is
 * a scatter-add of the gradient into zeros, whose own adjoint is the selection again, so
 * gradients of gradients work. Indices are constants: they get no gradient.
 */
final class IndexOps {
    private IndexOps() {
    }

    // ---------------------------------------------------------------- gather and scatter-add

    /**
     * {@code torch.gather}: the result has the index's shape, and for axis 0 of a 3-D tensor
     * {@code out[i][j][k] = a[index[i][j][k]][j][k]} (likewise for other axes). The index has
     * the same rank as {@code a}, no larger dimensions except along {@code axis}, and
     * integer values in [0, length of the axis).
     */
    static Tensor gather(Tensor a, int axis, Tensor index) {
        Objects.requireNonNull(index, "gather: index is null");
        int rank = a.shape.length;
        int ax = Shapes.axis("gather", axis, rank);
        if (index.shape.length != rank) {
            throw new IllegalArgumentException("gather: index of shape " + Arrays.toString(index.shape)
                    + " must have the same number of dimensions as the input of shape " + Arrays.toString(a.shape));
        }
        for (int d = 0; d < rank; d++) {
            if (d != ax && index.shape[d] > a.shape[d]) {
                throw new IllegalArgumentException("gather: index of shape " + Arrays.toString(index.shape)
                        + " is larger than the input of shape " + Arrays.toString(a.shape) + " in dimension " + d
                        + " (only the gathered axis " + axis + " may differ freely)");
            }
        }
        int[] idx = toIndices("gather", index.doubles(), a.shape[ax], "axis " + axis + " of shape " + Arrays.toString(a.shape));
        return gatherChecked(a, ax, idx, index.shape);
    }

    private static Tensor gatherChecked(Tensor a, int ax, int[] idx, int[] idxShape) {
        double[] out = new double[idx.length];
        Strided.gather(a.doubles(), ShapeOps.strides(a.shape), idx, idxShape, ax, out);
        int[] in = a.shape;
        return Tensor.make("gather", out, idxShape.clone(), Node.READS_NONE, g -> new Tensor[] {scatterAdd(g, ax, idx, in)}, a);
    }

    /** The adjoint of gather: {@code g} added into a zero tensor of shape {@code shape} at the indexed places. */
    static Tensor scatterAdd(Tensor g, int ax, int[] idx, int[] shape) {
        double[] out = new double[Shapes.size(shape)];
        Strided.scatterAdd(g.doubles(), idx, g.shape, ax, out, ShapeOps.strides(shape));
        int[] idxShape = g.shape;
        return Tensor.make("scatterAdd", out, shape, Node.READS_NONE, gg -> new Tensor[] {gatherChecked(gg, ax, idx, idxShape)}, g);
    }

    // ---------------------------------------------------------------- indexSelect and index-add

    /** The entries at {@code indices} (each in [0, length)) along {@code axis}, in that order; repeats allowed. */
    static Tensor indexSelect(Tensor a, int axis, int[] indices) {
        Objects.requireNonNull(indices, "indexSelect: indices are null");
        int ax = Shapes.axis("indexSelect", axis, a.shape.length);
        int n = a.shape[ax];
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= n) {
                throw new IllegalArgumentException("indexSelect: index " + indices[j] + " at position " + j
                        + " is out of range for axis " + axis + " of length " + n + " in shape "
                        + Arrays.toString(a.shape) + " (" + expectedIndex(n) + ")");
            }
        }
        return selectChecked(a, ax, indices.clone());
    }

    private static Tensor selectChecked(Tensor a, int ax, int[] idx) {
        int[] s = a.shape.clone();
        s[ax] = idx.length;
        double[] out = new double[Shapes.size("indexSelect", s)]; // many indices can ask for more than fits
        int n = a.shape[ax];
        Strided.select(a.doubles(), n, idx, out, ShapeOps.outer(a.shape, ax), ShapeOps.inner(a.shape, ax));
        return Tensor.make("indexSelect", out, s, Node.READS_NONE, g -> new Tensor[] {indexAdd(g, ax, idx, n)}, a);
    }

    /** The adjoint of indexSelect: {@code g} added into zeros whose axis {@code ax} has length {@code n}. */
    static Tensor indexAdd(Tensor g, int ax, int[] idx, int n) {
        int[] s = g.shape.clone();
        s[ax] = n;
        double[] out = new double[Shapes.size(s)];
        Strided.selectAdd(g.doubles(), idx, out, n, ShapeOps.outer(s, ax), ShapeOps.inner(s, ax));
        return Tensor.make("indexAdd", out, s, Node.READS_NONE, gg -> new Tensor[] {selectChecked(gg, ax, idx)}, g);
    }

    // ---------------------------------------------------------------- one-hot

    /** A constant {@code [labels.length, numClasses]} matrix with a 1 at each row's label. */
    static Tensor oneHot(int[] labels, int numClasses) {
        Objects.requireNonNull(labels, "oneHot: labels are null");
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive but was " + numClasses);
        }
        long size = (long) labels.length * numClasses;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("oneHot: " + labels.length + " labels x " + numClasses
                    + " classes = " + size + " elements, more than a tensor can hold (" + Integer.MAX_VALUE + ")");
        }
        double[] out = new double[(int) size];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at position " + i
                        + " is out of range for " + numClasses + " classes (expected 0 to " + (numClasses - 1) + ")");
            }
            out[i * numClasses + labels[i]] = 1;
        }
        return Tensor.constant(out, labels.length, numClasses);
    }

    // ---------------------------------------------------------------- helpers

    /** What an index into an axis of length n may be, for messages (an empty axis admits none). */
    private static String expectedIndex(int n) {
        return n == 0 ? "the axis is empty, so no index is valid" : "expected 0 to " + (n - 1);
    }

    /** Integer-valued doubles in [0, n) as ints, or an exception naming the op and the bad entry. */
    private static int[] toIndices(String op, double[] values, int n, String where) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(op + ": index entry " + i + " is " + v
                        + "; indices must be whole numbers");
            }
            if (v < 0 || v >= n) {
                // beyond 2^53 a cast to long would print a different (saturated) number
                String shown = Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                throw new IllegalArgumentException(op + ": index entry " + i + " is " + shown
                        + ", out of range for " + where + " (" + expectedIndex(n) + ")");
            }
            out[i] = (int) v;
        }
        return out;
    }
}
