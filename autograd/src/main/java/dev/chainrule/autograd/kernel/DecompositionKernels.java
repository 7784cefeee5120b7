package dev.chainrule.autograd.kernel;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Forward kernels of the matrix decompositions (EJML) on batches of row-major matrices
 * stored one after another. Each returns its factors packed per matrix, one block after
 * another, in the order the op returns them, so the op can hand them out as slices of one
 * node (its backward sees the gradients of all factors at once).
 *
 * <p>Signs are fixed so results are deterministic: each eigenvector and each left singular
 * vector has its largest-magnitude entry positive (the first, on ties), and R of a QR has a
 * nonnegative diagonal.
 */
public final class DecompositionKernels {
    private DecompositionKernels() {
    }

    /** Relative asymmetry |A[i][j] − A[j][i]| / max|A| above which eigh refuses a matrix. */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    private static String which(int batch, int b) {
        return batch == 1 ? "" : " (matrix " + b + " of the batch of " + batch + ")";
    }

    private static DMatrixRMaj matrix(String op, String shape, double[] a, int batch, int b, int m, int n) {
        DMatrixRMaj x = new DMatrixRMaj(m, n);
        System.arraycopy(a, b * m * n, x.data, 0, m * n);
        for (double v : x.data) {
            if (!Double.isFinite(v)) {
                throw new ArithmeticException(op + ": matrix " + shape + which(batch, b) + " has a non-finite entry "
                        + v + " (expected finite entries)");
            }
        }
        return x;
    }

    /** Whether column j of a rows×cols row-major block at {@code off} has a negative largest-magnitude entry (first on ties). */
    private static boolean needsFlip(double[] x, int off, int rows, int cols, int j) {
        int best = 0;
        for (int i = 1; i < rows; i++) {
            if (Math.abs(x[off + i * cols + j]) > Math.abs(x[off + best * cols + j])) {
                best = i;
            }
        }
        return rows > 0 && x[off + best * cols + j] < 0;
    }

    /**
     * Eigenvalues (ascending) and eigenvectors (columns) of symmetric matrices, packed per
     * matrix as {@code [λ (n), V (n×n)]}. A matrix whose asymmetry exceeds
     * {@link #SYMMETRY_TOLERANCE} times its largest entry is refused; within it, the
     * symmetric part is decomposed.
     *
     * @param shape the input's shape, for messages
     * @param a     the row-major n×n matrices, one after another
     * @param batch how many matrices
     * @param n     the matrices' order
     * @return a new array of {@code batch · (n + n·n)} numbers: each matrix's eigenvalues, then its eigenvectors row-major
     */
    public static double[] eigh(String shape, double[] a, int batch, int n) {
        int block = n + n * n;
        double[] out = new double[batch * block];
        for (int b = 0; b < batch; b++) {
            DMatrixRMaj m = matrix("eigh", shape, a, batch, b, n, n);
            double scale = 0;
            for (double v : m.data) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double x = m.data[i * n + j], y = m.data[j * n + i];
                    if (!(Math.abs(x - y) <= SYMMETRY_TOLERANCE * scale)) {
                        throw new IllegalArgumentException("eigh: matrix " + shape + which(batch, b)
                                + " is not symmetric: A[" + i + "][" + j + "] = " + x + " but A[" + j + "][" + i + "] = "
                                + y + " (expected a symmetric matrix, to a relative " + SYMMETRY_TOLERANCE + ")");
                    }
                    m.data[i * n + j] = m.data[j * n + i] = 0.5 * (x + y);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(m)) {
                throw new ArithmeticException("eigh: the eigendecomposition of matrix " + shape + which(batch, b)
                        + " did not converge");
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> eig.getEigenvalue(i).real));
            int off = b * block;
            for (int j = 0; j < n; j++) {
                out[off + j] = eig.getEigenvalue(order[j]).real;
                DMatrixRMaj v = eig.getEigenVector(order[j]);
                for (int i = 0; i < n; i++) {
                    out[off + n + i * n + j] = v.data[i];
                }
                if (needsFlip(out, off + n, n, n, j)) {
                    for (int i = 0; i < n; i++) {
                        out[off + n + i * n + j] = -out[off + n + i * n + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * The thin SVD {@code A = U diag(S) Vh} of m×n matrices, k = min(m, n), singular values
     * descending, packed per matrix as {@code [U (m×k), S (k), Vh (k×n)]}.
     *
     * @param op    the op name, for messages
     * @param shape the input's shape, for messages
     * @param a     the row-major m×n matrices, one after another
     * @param batch how many matrices
     * @param m     rows of each matrix
     * @param n     columns of each matrix
     * @return a new array of {@code batch · (m·k + k + k·n)} numbers: U, S and Vh of each matrix in turn
     */
    public static double[] svd(String op, String shape, double[] a, int batch, int m, int n) {
        int k = Math.min(m, n), block = m * k + k + k * n;
        double[] out = new double[batch * block];
        for (int b = 0; b < batch; b++) {
            SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
            if (!svd.decompose(matrix(op, shape, a, batch, b, m, n))) {
                throw new ArithmeticException(op + ": the SVD of matrix " + shape + which(batch, b) + " did not converge");
            }
            double[] s = svd.getSingularValues();
            DMatrixRMaj u = svd.getU(null, false), v = svd.getV(null, false);
            int ku = u.numCols, kv = v.numCols;
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
            int uo = b * block, so = uo + m * k, vo = so + k;
            for (int j = 0; j < k; j++) {
                int c = order[j];
                for (int i = 0; i < m; i++) {
                    out[uo + i * k + j] = u.data[i * ku + c];
                }
                boolean flip = needsFlip(out, uo, m, k, j);
                double sign = flip ? -1 : 1;
                if (flip) {
                    for (int i = 0; i < m; i++) {
                        out[uo + i * k + j] = -out[uo + i * k + j];
                    }
                }
                out[so + j] = s[c];
                for (int i = 0; i < n; i++) {
                    out[vo + j * n + i] = sign * v.data[i * kv + c];
                }
            }
        }
        return out;
    }

    /**
     * The cofactor matrices {@code C = adj(A)ᵀ}, the gradient of det A, by the SVD so that
     * singular matrices work too: {@code A = U S Vh} gives
     * {@code C = det(U) det(Vh) · U diag(Π_{j≠i} s_j) Vh}.
     *
     * @param op    the op name, for messages
     * @param shape the input's shape, for messages
     * @param a     the row-major n×n matrices, one after another
     * @param batch how many matrices
     * @param n     the matrices' order
     * @return the n×n cofactor matrices, one after another, in a new array
     */
    public static double[] cofactors(String op, String shape, double[] a, int batch, int n) {
        double[] usv = svd(op, shape, a, batch, n, n);
        int block = 2 * n * n + n;
        double[] out = new double[batch * n * n];
        double[] p = new double[n];
        for (int b = 0; b < batch; b++) {
            int uo = b * block, so = uo + n * n, vo = so + n;
            double sign = LinalgKernels.slogdet(Arrays.copyOfRange(usv, uo, uo + n * n), 1, n)[0]
                    * LinalgKernels.slogdet(Arrays.copyOfRange(usv, vo, vo + n * n), 1, n)[0];
            for (int i = 0; i < n; i++) {
                double prod = sign; // a product without s_i, not det/s_i, which fails at s_i = 0
                for (int j = 0; j < n; j++) {
                    prod *= j == i ? 1 : usv[so + j];
                }
                p[i] = prod;
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += usv[uo + r * n + i] * p[i] * usv[vo + i * n + c];
                    }
                    out[b * n * n + r * n + c] = sum;
                }
            }
        }
        return out;
    }

    /**
     * The reduced QR {@code A = Q R} of m×n matrices, k = min(m, n), Q m×k with orthonormal
     * columns and R k×n upper triangular with a nonnegative diagonal, packed per matrix as
     * {@code [Q (m×k), R (k×n)]}.
     *
     * @param shape the input's shape, for messages
     * @param a     the row-major m×n matrices, one after another
     * @param batch how many matrices
     * @param m     rows of each matrix
     * @param n     columns of each matrix
     * @return a new array of {@code batch · (m·k + k·n)} numbers: Q then R of each matrix in turn
     */
    public static double[] qr(String shape, double[] a, int batch, int m, int n) {
        int k = Math.min(m, n), block = m * k + k * n;
        double[] out = new double[batch * block];
        for (int b = 0; b < batch; b++) {
            QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
            // EJML's Householder QR reports false when a column is already zero below the diagonal
            // (rank deficiency); the reflection is then the identity and Q, R are still a valid QR
            qr.decompose(matrix("qr", shape, a, batch, b, m, n));
            DMatrixRMaj q = qr.getQ(null, true), r = qr.getR(null, true);
            int qo = b * block, ro = qo + m * k;
            for (int j = 0; j < k; j++) {
                double sign = r.get(j, j) < 0 ? -1 : 1;
                for (int i = 0; i < m; i++) {
                    out[qo + i * k + j] = sign * q.get(i, j);
                }
                for (int i = j; i < n; i++) {
                    out[ro + j * n + i] = sign * r.get(j, i);
                }
            }
        }
        return out;
    }

    /**
     * The Moore–Penrose pseudo-inverse of m×n matrices by the SVD, as {@code torch.linalg.pinv}'s
     * default: singular values at or below {@code max(m, n) · ε · σ_max} count as zero.
     *
     * @param shape the input's shape, for messages
     * @param a     the row-major m×n matrices, one after another
     * @param batch how many matrices
     * @param m     rows of each matrix
     * @param n     columns of each matrix
     * @return the n×m pseudo-inverses, one after another
     */
    public static double[] pinv(String shape, double[] a, int batch, int m, int n) {
        int k = Math.min(m, n), block = m * k + k + k * n;
        double[] usv = svd("pinv", shape, a, batch, m, n);
        double[] out = new double[batch * n * m];
        for (int b = 0; b < batch; b++) {
            int uo = b * block, so = uo + m * k, vo = so + k, po = b * n * m;
            double cutoff = Math.max(m, n) * Math.ulp(1.0) * (k == 0 ? 0 : usv[so]);
            for (int j = 0; j < k; j++) {
                double s = usv[so + j];
                if (!(s > cutoff)) {
                    continue;
                }
                for (int r = 0; r < n; r++) {
                    double vr = usv[vo + j * n + r] / s;
                    for (int c = 0; c < m; c++) {
                        out[po + r * m + c] += vr * usv[uo + c * k + j];
                    }
                }
            }
        }
        return out;
    }
}
