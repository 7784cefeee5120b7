package dev.chainrule.autograd.kernel;

/**
 * Copies between row-major arrays laid out differently: a strided read (permutations) and
 * block copies along one axis (slices, concatenation, row selection). Shapes are viewed as
 * {@code [outer, n, inner]} around the axis, so each block is one {@code System.arraycopy}.
 */
public final class Strided {
    private Strided() {
    }

    /**
     * {@code out[k] = in[Σ idx_d · strides[d]]} over the row-major index k of {@code shape}:
     * a copy of {@code in} read through arbitrary strides (e.g. permuted ones).
     *
     * @param in      the source storage
     * @param strides in's strides over {@code shape}, in elements
     * @param shape   the shape to read
     * @param out     receives the copy, row-major, of shape's element count
     */
    public static void copy(double[] in, int[] strides, int[] shape, double[] out) {
        copy(in, 0, strides, shape, out);
    }

    /**
     * {@code out[k] = in[offset + Σ idx_d · strides[d]]} over the row-major index k of
     * {@code shape}: a window of {@code in} (strides may be negative, as for a flip, or
     * sums of strides, as for a diagonal). The positions must lie inside {@code in}.
     *
     * @param in      the source storage
     * @param offset  the position of the window's first element in {@code in}
     * @param strides the window's strides in {@code in}, in elements (may be negative)
     * @param shape   the window's shape
     * @param out     receives the copy, row-major, of shape's element count
     */
    public static void copy(double[] in, int offset, int[] strides, int[] shape, double[] out) {
        int rank = shape.length;
        if (out.length == 0) {
            return;
        }
        if (rank == 0) {
            out[0] = in[offset];
            return;
        }
        int last = rank - 1, n = shape[last], ls = strides[last];
        Odometer at = new Odometer(shape, strides);
        for (int k = 0; k < out.length; k += n) {
            for (int j = 0, p = offset + at.at[0]; j < n; j++, p += ls) {
                out[k + j] = in[p];
            }
            at.next(last - 1);
        }
    }

    /**
     * The adjoint of the windowed {@link #copy(double[], int, int[], int[], double[])}:
     * {@code out[offset + Σ idx_d · strides[d]] = in[k]} over the row-major index k of
     * {@code shape}. The window must not visit a position twice (flips, steps, crops and
     * diagonals never do), so writing is the same as adding into zeros.
     *
     * @param in      the row-major numbers of shape {@code shape}
     * @param shape   the window's shape
     * @param out     the larger array written into (positions outside the window are left as they are)
     * @param offset  the position of the window's first element in {@code out}
     * @param strides the window's strides in {@code out}, in elements
     */
    public static void embed(double[] in, int[] shape, double[] out, int offset, int[] strides) {
        int rank = shape.length;
        if (in.length == 0) {
            return;
        }
        if (rank == 0) {
            out[offset] = in[0];
            return;
        }
        int last = rank - 1, n = shape[last], ls = strides[last];
        Odometer at = new Odometer(shape, strides);
        for (int k = 0; k < in.length; k += n) {
            for (int j = 0, p = offset + at.at[0]; j < n; j++, p += ls) {
                out[p] = in[k + j];
            }
            at.next(last - 1);
        }
    }

    /**
     * Copies the block {@code [outer, count, inner]} starting at position {@code srcStart} of
     * the axis (length {@code srcLen}) of {@code src} into position {@code dstStart} of the axis
     * (length {@code dstLen}) of {@code dst}. Slicing, padding back and concatenation are all
     * this one loop with different positions.
     *
     * @param src      the source, row-major {@code [outer, srcLen, inner]}
     * @param srcLen   the source's length along the axis
     * @param srcStart the first source position copied along the axis
     * @param dst      the destination, row-major {@code [outer, dstLen, inner]}
     * @param dstLen   the destination's length along the axis
     * @param dstStart the first destination position written along the axis
     * @param outer    the product of the axes before the axis
     * @param count    how many positions along the axis are copied
     * @param inner    the product of the axes after the axis
     */
    public static void copyBlock(double[] src, int srcLen, int srcStart, double[] dst, int dstLen, int dstStart,
                                 int outer, int count, int inner) {
        int len = count * inner;
        if (len == 0) {
            return;
        }
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (o * srcLen + srcStart) * inner, dst, (o * dstLen + dstStart) * inner, len);
        }
    }

    /**
     * Row selection along an axis: {@code out[o, j, :] = in[o, index[j], :]} with
     * {@code in} of shape {@code [outer, n, inner]} and {@code out} of shape
     * {@code [outer, index.length, inner]}. Indices must already be checked to lie in [0, n).
     *
     * @param in    the source, row-major {@code [outer, n, inner]}
     * @param n     the source's length along the axis
     * @param index the positions to pick, each in [0, n)
     * @param out   receives the rows, row-major {@code [outer, index.length, inner]}
     * @param outer the product of the axes before the axis
     * @param inner the product of the axes after it
     */
    public static void select(double[] in, int n, int[] index, double[] out, int outer, int inner) {
        int m = index.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                System.arraycopy(in, (o * n + index[j]) * inner, out, (o * m + j) * inner, inner);
            }
        }
    }

    /**
     * The adjoint of {@link #select}: {@code out[o, index[j], :] += in[o, j, :]}.
     *
     * @param in    the gradient of the selection, row-major {@code [outer, index.length, inner]}
     * @param index the positions that were picked, each in [0, n)
     * @param out   the gradient of the source, row-major {@code [outer, n, inner]}, added to
     * @param n     the source's length along the axis
     * @param outer the product of the axes before the axis
     * @param inner the product of the axes after it
     */
    public static void selectAdd(double[] in, int[] index, double[] out, int n, int outer, int inner) {
        int m = index.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < m; j++) {
                int src = (o * m + j) * inner, dst = (o * n + index[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    out[dst + i] += in[src + i];
                }
            }
        }
    }

    /**
     * {@code torch.gather}: over the row-major index p of {@code indexShape},
     * {@code out[p] = in[p with p[axis] replaced by index[p]]}, where {@code in} has row-major
     * strides {@code inStrides}. Indices must already be checked to lie in range.
     *
     * @param in         the source storage
     * @param inStrides  in's row-major strides
     * @param index      the positions along {@code axis}, row-major over {@code indexShape}
     * @param indexShape the index's shape, which is also the result's
     * @param axis       the axis the index picks along
     * @param out        receives the gathered numbers, row-major over {@code indexShape}
     */
    public static void gather(double[] in, int[] inStrides, int[] index, int[] indexShape, int axis, double[] out) {
        walk(index, indexShape, inStrides, axis, (k, p) -> out[k] = in[p]);
    }

    /**
     * The adjoint of {@link #gather}: {@code out[p with p[axis] = index[p]] += in[p]}.
     *
     * @param in         the gradient of the gather, row-major over {@code indexShape}
     * @param index      the positions along {@code axis}, row-major over {@code indexShape}
     * @param indexShape the index's shape
     * @param axis       the axis the index picked along
     * @param out        the gradient of the source, added to
     * @param outStrides out's row-major strides
     */
    public static void scatterAdd(double[] in, int[] index, int[] indexShape, int axis, double[] out, int[] outStrides) {
        walk(index, indexShape, outStrides, axis, (k, p) -> out[p] += in[k]);
    }

    /** Visits each position k of the index tensor with the matching offset p in the other tensor. */
    private static void walk(int[] index, int[] shape, int[] strides, int axis, IntPairConsumer visit) {
        int rank = shape.length;
        if (index.length == 0) {
            return;
        }
        int axisStride = strides[axis];
        int[] others = strides.clone();
        others[axis] = 0; // the index tensor supplies the position along the axis
        Odometer at = new Odometer(shape, others);
        for (int k = 0; k < index.length; k++) {
            visit.accept(k, at.at[0] + index[k] * axisStride);
            at.next(rank - 1);
        }
    }

    @FunctionalInterface
    private interface IntPairConsumer {
        void accept(int k, int p);
    }
}
