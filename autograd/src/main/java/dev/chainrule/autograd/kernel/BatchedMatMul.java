package dev.chainrule.autograd.kernel;

import java.util.Arrays;

/**
 * Stacks of matrix products with NumPy-broadcast batch dimensions, every product computed by
 * a {@link MatMulKernel}. Since the kernels take whole arrays, a batch entry is copied into a
 * scratch buffer only when its operand really holds several matrices; the common cases (one
 * batch entry, or a stack times a single matrix) call the kernel once on the tensors' own
 * storage with no copy.
 */
public final class BatchedMatMul {
    /** Which product each batch entry computes; operand layouts follow {@link MatMulKernel}. */
    public enum Mode {
        /** {@code c[m×n] = a[m×k] · b[k×n]}. */
        MULT,
        /** {@code c[m×n] = aᵀ · b}, {@code a} stored k×m. */
        TRANS_A,
        /** {@code c[m×n] = a · bᵀ}, {@code b} stored n×k. */
        TRANS_B
    }

    private BatchedMatMul() {
    }

    /**
     * {@code c[batch..., m, n]} = the product of each pair of batch entries (float64).
     *
     * @param kernel     computes each product
     * @param mode       which product
     * @param a          the first operand's storage
     * @param aStrides   the first operand's batch strides (in matrices, 0 on broadcast axes)
     * @param b          the second operand's storage
     * @param bStrides   the second operand's batch strides
     * @param batchShape the broadcast batch shape
     * @param m          rows of each product
     * @param k          the inner dimension
     * @param n          columns of each product
     * @param c          the result, overwritten
     */
    public static void run(MatMulKernel kernel, Mode mode, double[] a, int[] aStrides, double[] b, int[] bStrides,
                           int[] batchShape, int m, int k, int n, double[] c) {
        runOn(kernel, mode, a, aStrides, b, bStrides, batchShape, m, k, n, c);
    }

    /**
     * As {@link #run(MatMulKernel, Mode, double[], int[], double[], int[], int[], int, int, int, double[])} in float32.
     *
     * @param kernel     the 2-D product used for each matrix of the batch
     * @param mode       which operand, if either, is read transposed
     * @param a          the left operands' float32 storage
     * @param aStrides   a's batch strides over {@code batchShape} (0 along broadcast axes), in elements
     * @param b          the right operands' float32 storage
     * @param bStrides   b's batch strides over {@code batchShape} (0 along broadcast axes), in elements
     * @param batchShape the broadcast batch shape of the result
     * @param m          rows of each product
     * @param k          the contracted length
     * @param n          columns of each product
     * @param c          receives the products, row-major {@code [batchShape..., m, n]}
     */
    public static void run(MatMulKernel kernel, Mode mode, float[] a, int[] aStrides, float[] b, int[] bStrides,
                           int[] batchShape, int m, int k, int n, float[] c) {
        runOn(kernel, mode, a, aStrides, b, bStrides, batchShape, m, k, n, c);
    }

    /** The batching, once for both element types: arrays are moved with System.arraycopy only. */
    private static void runOn(MatMulKernel kernel, Mode mode, Object a, int[] aStrides, Object b, int[] bStrides,
                              int[] batchShape, int m, int k, int n, Object c) {
        int batches = 1;
        for (int d : batchShape) {
            batches *= d;
        }
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // an empty sum; kernels need not handle zero-width operands
            if (c instanceof double[] cd) {
                Arrays.fill(cd, 0);
            } else {
                Arrays.fill((float[]) c, 0f);
            }
            return;
        }
        int aSize = m * k, bSize = k * n, cSize = m * n;
        if (batches == 1) {
            product(kernel, mode, a, b, c, m, k, n);
            return;
        }
        if (mode != Mode.TRANS_A && allZero(bStrides) && isDense(aStrides, batchShape)) {
            // a stack of row blocks times one matrix is one tall product: [batches·m, k] · b
            product(kernel, mode, a, b, c, batches * m, k, n);
            return;
        }
        boolean aOne = allZero(aStrides), bOne = allZero(bStrides);
        Object as = aOne ? a : like(a, aSize);
        Object bs = bOne ? b : like(b, bSize);
        Object cs = like(c, cSize);
        Odometer at = new Odometer(batchShape, aStrides, bStrides);
        for (int t = 0; t < batches; t++) {
            int ia = at.at[0], ib = at.at[1];
            if (!aOne) {
                System.arraycopy(a, ia * aSize, as, 0, aSize);
            }
            if (!bOne) {
                System.arraycopy(b, ib * bSize, bs, 0, bSize);
            }
            product(kernel, mode, as, bs, cs, m, k, n);
            System.arraycopy(cs, 0, c, t * cSize, cSize);
            at.next(batchShape.length - 1);
        }
    }

    /** A scratch array of the same element type. */
    private static Object like(Object array, int n) {
        return array instanceof double[] ? new double[n] : new float[n];
    }

    private static void product(MatMulKernel kernel, Mode mode, Object a, Object b, Object c, int m, int k, int n) {
        if (c instanceof double[] cd) {
            double[] ad = (double[]) a, bd = (double[]) b;
            switch (mode) {
                case MULT -> kernel.mult(ad, bd, cd, m, k, n);
                case TRANS_A -> kernel.multTransA(ad, bd, cd, m, k, n);
                case TRANS_B -> kernel.multTransB(ad, bd, cd, m, k, n);
                default -> throw new AssertionError(mode);
            }
        } else {
            float[] af = (float[]) a, bf = (float[]) b, cf = (float[]) c;
            switch (mode) {
                case MULT -> kernel.mult(af, bf, cf, m, k, n);
                case TRANS_A -> kernel.multTransA(af, bf, cf, m, k, n);
                case TRANS_B -> kernel.multTransB(af, bf, cf, m, k, n);
                default -> throw new AssertionError(mode);
            }
        }
    }

    private static boolean allZero(int[] strides) {
        for (int s : strides) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when the strides walk every matrix of the batch once, in order (no broadcasting). */
    private static boolean isDense(int[] strides, int[] shape) {
        int expect = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expect) {
                return false;
            }
            expect *= shape[d];
        }
        return true;
    }
}
