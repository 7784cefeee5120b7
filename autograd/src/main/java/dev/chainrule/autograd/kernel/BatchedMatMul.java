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
     * Computes {@code c[batch] = op(a[batch], b[batch])} for every index of {@code batchShape}.
     *
     * @param aStrides per batch axis, how many matrices to step in {@code a} (0 where broadcast)
     * @param bStrides the same for {@code b}
     * @param c        output of {@code size(batchShape) · m · n} elements, overwritten
     */
    public static void run(MatMulKernel kernel, Mode mode, double[] a, int[] aStrides, double[] b, int[] bStrides,
                           int[] batchShape, int m, int k, int n, double[] c) {
        int batches = 1;
        for (int d : batchShape) {
            batches *= d;
        }
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0); // an empty sum; kernels need not handle zero-width operands
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
        double[] as = aOne ? a : new double[aSize];
        double[] bs = bOne ? b : new double[bSize];
        double[] cs = new double[cSize];
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

    private static void product(MatMulKernel kernel, Mode mode, double[] a, double[] b, double[] c, int m, int k, int n) {
        switch (mode) {
            case MULT -> kernel.mult(a, b, c, m, k, n);
            case TRANS_A -> kernel.multTransA(a, b, c, m, k, n);
            case TRANS_B -> kernel.multTransB(a, b, c, m, k, n);
            default -> throw new AssertionError(mode);
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
