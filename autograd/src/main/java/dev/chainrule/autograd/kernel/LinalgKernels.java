package dev.chainrule.autograd.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * Forward kernels of the linear-algebra ops on batches of row-major square matrices stored
 * one after another: LU (EJML) for solves and determinants, EJML's Cholesky, and plain
 * substitution for triangular solves. Each refuses bad input with a message that names the
 * op, the shape and which matrix of the batch failed.
 */
public final class LinalgKernels {
    private LinalgKernels() {
    }

    /** Pivots below this fraction of the largest (times n) mean the matrix is singular to working precision. */
    private static final double SINGULAR = 1e-14;

    /** Where a batched op failed: "" for a single matrix, " (matrix 3 of the batch)" otherwise. */
    private static String which(int batch, int b) {
        return batch == 1 ? "" : " (matrix " + b + " of the batch of " + batch + ")";
    }

    /** An LU of matrix {@code b} of {@code a}, or null when it is singular to working precision. */
    /**
     * True when some matrix of the batch is singular to working precision (as {@link #solve} would refuse it).
     *
     * @param a     the row-major n×n matrices, one after another
     * @param batch how many matrices
     * @param n     the matrices' order
     * @return whether any of them is singular
     */
    public static boolean anySingular(double[] a, int batch, int n) {
        for (int b = 0; b < batch; b++) {
            if (lu(a, b, n) == null) {
                return true;
            }
        }
        return false;
    }

    private static LUDecompositionAlt_DDRM lu(double[] a, int b, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        System.arraycopy(a, b * n * n, m.data, 0, n * n);
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        lu.decompose(m);
        double[] u = lu.getLU().data;
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(u[i * n + i]);
            max = Math.max(max, d);
            min = Math.min(min, d);
        }
        return !(min > SINGULAR * n * max) ? null : lu;
    }

    /**
     * Solves {@code A X = B} for each matrix of the batch, A [n, n] and B [n, k].
     *
     * @param op    the op name for messages
     * @param shape the shape of A, for messages
     * @param a     the row-major n×n coefficient matrices, one after another
     * @param rhs   the row-major n×k right-hand sides, one per matrix
     * @param batch how many systems
     * @param n     the order of each A
     * @param k     the columns of each B
     * @return X, batch × n × k
     */
    public static double[] solve(String op, String shape, double[] a, double[] rhs, int batch, int n, int k) {
        double[] x = new double[batch * n * k];
        double[] col = new double[n];
        for (int b = 0; b < batch; b++) {
            LUDecompositionAlt_DDRM lu = lu(a, b, n);
            if (lu == null) {
                throw new ArithmeticException(op + ": matrix " + shape + which(batch, b)
                        + " is singular to working precision (expected an invertible matrix)");
            }
            int off = b * n * k;
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    col[i] = rhs[off + i * k + j];
                }
                lu._solveVectorInternal(col);
                for (int i = 0; i < n; i++) {
                    x[off + i * k + j] = col[i];
                }
            }
        }
        return x;
    }

    /**
     * Sign and log|det| of each matrix: {@code out[2b]} the sign (0 for a singular matrix),
     * {@code out[2b+1]} the log of the absolute determinant (−∞ for a singular one).
     *
     * @param a     the row-major n×n matrices, one after another
     * @param batch how many matrices
     * @param n     the matrices' order
     * @return a new array of {@code 2 · batch} numbers, sign and log|det| of each matrix in turn
     */
    public static double[] slogdet(double[] a, int batch, int n) {
        double[] out = new double[2 * batch];
        for (int b = 0; b < batch; b++) {
            DMatrixRMaj m = new DMatrixRMaj(n, n);
            System.arraycopy(a, b * n * n, m.data, 0, n * n);
            LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
            lu.decompose(m);
            double[] u = lu.getLU().data;
            double sign = permutationSign(lu.getPivot(), n), log = 0;
            for (int i = 0; i < n; i++) {
                double d = u[i * n + i];
                sign *= Math.signum(d);
                log += Math.log(Math.abs(d));
            }
            out[2 * b] = sign;
            out[2 * b + 1] = sign == 0 ? Double.NEGATIVE_INFINITY : log;
        }
        return out;
    }

    /** +1 for an even permutation, −1 for an odd one (n minus the number of cycles is the parity). */
    private static double permutationSign(int[] perm, int n) {
        boolean[] seen = new boolean[n];
        int swaps = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; !seen[j]; j = perm[j]) {
                seen[j] = true;
                if (perm[j] != i) {
                    swaps++;
                }
            }
        }
        return swaps % 2 == 0 ? 1 : -1;
    }

    /**
     * Lower Cholesky factor of each matrix, after checking it is symmetric (to a relative
     * 1e-10) and positive definite.
     *
     * @param shape the input's shape, for messages
     * @param a     the row-major n×n matrices, one after another
     * @param batch how many matrices
     * @param n     the matrices' order
     * @return the lower factors L (A = L Lᵀ), row-major n×n one after another, in a new array
     */
    public static double[] cholesky(String shape, double[] a, int batch, int n) {
        double[] out = new double[batch * n * n];
        for (int b = 0; b < batch; b++) {
            int off = b * n * n;
            double scale = 0;
            for (int i = 0; i < n * n; i++) {
                scale = Math.max(scale, Math.abs(a[off + i]));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double d = Math.abs(a[off + i * n + j] - a[off + j * n + i]);
                    if (!(d <= 1e-10 * scale)) {
                        throw new IllegalArgumentException("cholesky: matrix " + shape + which(batch, b)
                                + " is not symmetric: A[" + i + "][" + j + "] = " + a[off + i * n + j] + " but A["
                                + j + "][" + i + "] = " + a[off + j * n + i] + " (expected a symmetric positive-definite matrix)");
                    }
                }
            }
            DMatrixRMaj m = new DMatrixRMaj(n, n);
            System.arraycopy(a, off, m.data, 0, n * n);
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            if (!chol.decompose(m)) {
                throw new ArithmeticException("cholesky: matrix " + shape + which(batch, b)
                        + " is not positive definite (expected a symmetric positive-definite matrix)");
            }
            double[] l = chol.getT(null).data;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    out[off + i * n + j] = l[i * n + j];
                }
            }
        }
        return out;
    }

    /**
     * Solves {@code T X = B} by substitution, T [n, n] triangular (only its {@code upper} or
     * lower triangle is read), B [n, k]; a zero on T's diagonal is refused.
     *
     * @param op    the op name, for messages
     * @param shape the shape of T, for messages
     * @param t     the row-major n×n triangular matrices, one after another
     * @param rhs   the row-major n×k right-hand sides, one per matrix
     * @param batch how many systems
     * @param n     the order of each T
     * @param k     the columns of each B
     * @param upper whether T is upper (else lower) triangular
     * @return X, batch × n × k, in a new array
     */
    public static double[] solveTriangular(String op, String shape, double[] t, double[] rhs, int batch, int n, int k,
            boolean upper) {
        double[] x = new double[batch * n * k];
        for (int b = 0; b < batch; b++) {
            int to = b * n * n, xo = b * n * k;
            for (int s = 0; s < n; s++) {
                int i = upper ? n - 1 - s : s;
                double d = t[to + i * n + i];
                if (d == 0 || !Double.isFinite(d)) {
                    throw new ArithmeticException(op + ": triangular matrix " + shape + which(batch, b)
                            + " has diagonal entry " + d + " at " + i + " (expected a nonzero finite diagonal)");
                }
                int from = upper ? i + 1 : 0, to2 = upper ? n : i;
                for (int j = 0; j < k; j++) {
                    double acc = rhs[xo + i * k + j];
                    for (int p = from; p < to2; p++) {
                        acc -= t[to + i * n + p] * x[xo + p * k + j];
                    }
                    x[xo + i * k + j] = acc / d;
                }
            }
        }
        return x;
    }

    /**
     * The Frobenius norm of each block of {@code mn} numbers, scaled by the largest entry so squares cannot overflow.
     *
     * @param a     the numbers, {@code batch} blocks of {@code mn} one after another
     * @param batch how many blocks
     * @param mn    the numbers per block (a matrix's m·n)
     * @return a new array of {@code batch} norms
     */
    public static double[] frobenius(double[] a, int batch, int mn) {
        double[] out = new double[batch];
        for (int b = 0; b < batch; b++) {
            double big = 0, sum = 0;
            for (int i = 0; i < mn; i++) {
                big = Math.max(big, Math.abs(a[b * mn + i]));
            }
            for (int i = 0; big > 0 && i < mn; i++) {
                double x = a[b * mn + i] / big;
                sum += x * x;
            }
            out[b] = big == 0 || !Double.isFinite(big) ? big : big * Math.sqrt(sum);
        }
        return out;
    }
}
