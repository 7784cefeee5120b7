package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.DecompositionKernels;
import dev.chainrule.autograd.kernel.LinalgKernels;
import java.util.Arrays;
import java.util.Objects;

/**
 * Differentiable linear algebra on the last two axes of a tensor, batched over the leading
 * ones. Forward passes run EJML (through {@link LinalgKernels}); every derivative rule is
 * written with tensor ops and these same primitives (solve, triangular solve), so gradients
 * are graphs and second derivatives work. Rules use solves rather than explicit inverses.
 *
 * <pre>{@code
 * Tensor x = Linalg.solve(a, b);                 // A X = B
 * Tensor l = Linalg.cholesky(k);                 // K = L Lᵀ
 * Tensor alpha = Linalg.choleskySolve(y, l);     // K⁻¹ y
 * Tensor logDet = Linalg.logdet(k);
 * Linalg.Eigh e = Linalg.eigh(k);               // ascending eigenvalues, eigenvectors
 * Linalg.Svd usv = Linalg.svd(a);                // thin: U, S, Vh
 * Tensor nuclear = Linalg.matrixNorm(a, "nuc");
 * }</pre>
 *
 * <p>Decompositions (eigh, svd, qr), pinv and the norms live in {@code Decompositions}; their
 * gradients through eigenvectors or singular vectors need distinct values, unless the loss
 * does not depend on the basis chosen for a repeated one.
 */
public final class Linalg {
    private Linalg() {
    }

    /**
     * Sign and natural log of the absolute determinant, as {@code torch.linalg.slogdet}.
     *
     * @param sign      ±1 (0 for a singular matrix), a constant of the batch shape
     * @param logAbsDet log|det A|, differentiable, of the batch shape
     */
    public record SignLogDet(Tensor sign, Tensor logAbsDet) {
    }

    /**
     * The eigendecomposition {@code A = V diag(L) Vᵀ} of symmetric matrices, as
     * {@code torch.linalg.eigh}.
     *
     * @param eigenvalues  L [..., n], ascending
     * @param eigenvectors V [..., n, n], orthonormal columns (column i belongs to eigenvalue i),
     *                     each with its largest-magnitude entry positive
     */
    public record Eigh(Tensor eigenvalues, Tensor eigenvectors) {
    }

    /**
     * The thin singular value decomposition {@code A = U diag(S) Vh}, k = min(m, n), as
     * {@code torch.linalg.svd(A, full_matrices=False)}.
     *
     * @param u  U [..., m, k], orthonormal columns, each with its largest-magnitude entry positive
     * @param s  S [..., k], descending and nonnegative
     * @param vh Vh [..., k, n], orthonormal rows
     */
    public record Svd(Tensor u, Tensor s, Tensor vh) {
    }

    /**
     * The reduced QR decomposition {@code A = Q R}, k = min(m, n), as
     * {@code torch.linalg.qr(A, mode="reduced")}.
     *
     * @param q Q [..., m, k] with orthonormal columns
     * @param r R [..., k, n], upper triangular with a nonnegative diagonal
     */
    public record Qr(Tensor q, Tensor r) {
    }

    // ---------------------------------------------------------------- shape checks

    /** The size n of a batch of square matrices [..., n, n], or an exception naming the op. */
    static int square(String op, Tensor a) {
        Objects.requireNonNull(a, () -> op + ": matrix is null");
        int r = a.shape.length;
        if (r < 2 || a.shape[r - 1] != a.shape[r - 2]) {
            throw new IllegalArgumentException(op + ": expected square matrices [..., n, n] but got shape "
                    + Arrays.toString(a.shape));
        }
        return a.shape[r - 1];
    }

    /** The number of matrices in the batch. */
    private static int batch(Tensor a) {
        int b = 1;
        for (int i = 0; i < a.shape.length - 2; i++) {
            b *= a.shape[i];
        }
        return b;
    }

    /** Checks B [..., n, k] against A [..., n, n] (same batch shape) and returns k. */
    private static int rhs(String op, Tensor a, Tensor b) {
        Objects.requireNonNull(b, () -> op + ": right-hand side is null");
        int r = a.shape.length, n = a.shape[r - 1];
        if (b.shape.length != r || b.shape[r - 2] != n
                || !Arrays.equals(Arrays.copyOf(a.shape, r - 2), Arrays.copyOf(b.shape, r - 2))) {
            throw new IllegalArgumentException(op + ": matrix " + Arrays.toString(a.shape) + " and right-hand side "
                    + Arrays.toString(b.shape) + ": expected B of shape [..., " + n + ", k] with the same batch shape");
        }
        return b.shape[r - 1];
    }

    /** Swaps the last two axes. */
    static Tensor mT(Tensor a) {
        return a.transpose(-2, -1);
    }

    /** A constant n×n mask: 1 on the kept triangle (strictly, or with diagonal value {@code diag}). */
    static Tensor triangleMask(int n, boolean upper, double diag) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = i == j ? diag : (upper ? j > i : j < i) ? 1 : 0;
            }
        }
        return Tensor.constant(m, n, n);
    }

    // ---------------------------------------------------------------- solves

    /**
     * Solves {@code A X = B} by LU.
     *
     * @param a invertible matrices [..., n, n]
     * @param b right-hand sides [..., n, k] with the same batch shape
     * @return X [..., n, k]
     * @throws ArithmeticException naming the matrix when A is singular to working precision
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return solve("solve", a, b);
    }

    private static Tensor solve(String op, Tensor a, Tensor b) {
        int n = square(op, a), k = rhs(op, a, b);
        double[] x = LinalgKernels.solve(op, Arrays.toString(a.shape), a.doubles(), b.doubles(), batch(a), n, k);
        Tensor[] out = new Tensor[1];
        // X = A⁻¹B: dB = A⁻ᵀ G, dA = −dB Xᵀ (Giles 2008)
        out[0] = Tensor.make(op, x, b.shape.clone(), g -> {
            Tensor gb = solve(op + " backward", mT(a), g);
            return new Tensor[] {gb.matmul(mT(out[0])).neg(), gb};
        }, a, b);
        return out[0];
    }

    /**
     * The inverse, as {@code solve(A, I)}.
     *
     * @param a invertible matrices [..., n, n]
     * @return A⁻¹ [..., n, n]
     */
    public static Tensor inv(Tensor a) {
        int n = square("inv", a);
        return solve("inv", a, Tensor.eye(n).to(a.dtype()).expand(a.shape));
    }

    /**
     * Solves {@code A X = B} with A triangular; only A's upper (or lower) triangle is read.
     *
     * @param a     triangular matrices [..., n, n] with a nonzero diagonal
     * @param b     right-hand sides [..., n, k]
     * @param upper whether A is upper triangular
     * @return X [..., n, k]
     */
    public static Tensor solveTriangular(Tensor a, Tensor b, boolean upper) {
        return solveTriangular("solveTriangular", a, b, upper);
    }

    static Tensor solveTriangular(String op, Tensor a, Tensor b, boolean upper) {
        int n = square(op, a), k = rhs(op, a, b);
        double[] x = LinalgKernels.solveTriangular(op, Arrays.toString(a.shape), a.doubles(), b.doubles(), batch(a), n, k, upper);
        Tensor[] out = new Tensor[1];
        // as solve, with A's gradient kept to the triangle that was read
        out[0] = Tensor.make(op, x, b.shape.clone(), g -> {
            Tensor gb = solveTriangular(op + " backward", mT(a), g, !upper);
            Tensor ga = gb.matmul(mT(out[0])).neg().mul(triangleMask(n, upper, 1));
            return new Tensor[] {ga, gb};
        }, a, b);
        return out[0];
    }

    /**
     * Solves {@code A X = B} given A's lower Cholesky factor L, as {@code torch.cholesky_solve}:
     * two triangular solves.
     *
     * @param b right-hand sides [..., n, k]
     * @param l lower-triangular factors [..., n, n]
     * @return X [..., n, k]
     */
    public static Tensor choleskySolve(Tensor b, Tensor l) {
        Tensor y = solveTriangular("choleskySolve", l, b, false);
        return solveTriangular("choleskySolve", mT(l), y, true);
    }

    // ---------------------------------------------------------------- determinants

    /**
     * Sign and log|det|, by LU; a singular matrix gives sign 0 and −∞ (its gradient then throws).
     *
     * @param a square matrices [..., n, n]
     * @return the sign (constant) and the differentiable log|det|, both of the batch shape
     */
    public static SignLogDet slogdet(Tensor a) {
        int n = square("slogdet", a), batch = batch(a);
        double[] sl = LinalgKernels.slogdet(a.doubles(), batch, n);
        double[] sign = new double[batch], log = new double[batch];
        for (int b = 0; b < batch; b++) {
            sign[b] = sl[2 * b];
            log[b] = sl[2 * b + 1];
        }
        int[] bs = Arrays.copyOf(a.shape, a.shape.length - 2);
        // d log|det A| = tr(A⁻¹ dA): the gradient is A⁻ᵀ, by a solve
        Tensor logAbs = Tensor.make("slogdet", log, bs, g -> {
            Tensor ginv = solve("slogdet backward", mT(a), Tensor.eye(n).to(a.dtype()).expand(a.shape));
            return new Tensor[] {ginv.mul(g.unsqueeze(-1).unsqueeze(-1))};
        }, a);
        return new SignLogDet(Tensor.constant(sign, bs), logAbs);
    }

    /**
     * The determinant, by LU. Its gradient is the cofactor matrix: {@code det · A⁻ᵀ} written
     * with graph ops (so it differentiates again) when every matrix is invertible, and from
     * the SVD when one is singular to working precision (where A⁻¹ would be inaccurate or
     * fail), where only the first derivative is available.
     *
     * @param a square matrices [..., n, n]
     * @return det A of the batch shape
     */
    public static Tensor det(Tensor a) {
        int n = square("det", a), batch = batch(a);
        double[] sl = LinalgKernels.slogdet(a.doubles(), batch, n);
        double[] det = new double[batch];
        for (int b = 0; b < batch; b++) {
            det[b] = sl[2 * b] * Math.exp(sl[2 * b + 1]);
        }
        boolean anySingular = LinalgKernels.anySingular(a.doubles(), batch, n);
        int[] bs = Arrays.copyOf(a.shape, a.shape.length - 2);
        return Elementwise.withResult("det", det, bs, (g, out) -> {
            Tensor gm = g.unsqueeze(-1).unsqueeze(-1);
            if (!anySingular) {
                Tensor invT = solve("det backward", mT(a), Tensor.eye(n).to(a.dtype()).expand(a.shape));
                return new Tensor[] {invT.mul(out.unsqueeze(-1).unsqueeze(-1)).mul(gm)};
            }
            if (GradMode.isEnabled()) {
                throw new ArithmeticException("det: second derivatives at a singular (to working precision) matrix " + Arrays.toString(a.shape)
                        + " are not available (the first derivative, the cofactor matrix, is)");
            }
            double[] cof = DecompositionKernels.cofactors("det backward", Arrays.toString(a.shape), a.doubles(), batch, n);
            return new Tensor[] {Tensor.constant(cof, a.shape).mul(gm)};
        }, a);
    }

    /**
     * The log-determinant of matrices with a positive determinant.
     *
     * @param a square matrices [..., n, n]
     * @return log det A of the batch shape
     * @throws ArithmeticException naming the matrix when a determinant is negative
     */
    public static Tensor logdet(Tensor a) {
        SignLogDet s = slogdet(a);
        double[] sign = s.sign().toArray();
        for (int b = 0; b < sign.length; b++) {
            if (sign[b] < 0) {
                throw new ArithmeticException("logdet: matrix " + Arrays.toString(a.shape)
                        + (sign.length == 1 ? "" : " (matrix " + b + " of the batch)")
                        + " has a negative determinant (expected det > 0; use slogdet)");
            }
        }
        return s.logAbsDet();
    }

    // ---------------------------------------------------------------- Cholesky

    /**
     * The lower Cholesky factor L with {@code A = L Lᵀ}.
     *
     * @param a symmetric positive-definite matrices [..., n, n]
     * @return L [..., n, n]
     * @throws IllegalArgumentException when A is not symmetric; ArithmeticException when not positive definite
     */
    public static Tensor cholesky(Tensor a) {
        int n = square("cholesky", a);
        double[] l = LinalgKernels.cholesky(Arrays.toString(a.shape), a.doubles(), batch(a), n);
        Tensor[] out = new Tensor[1];
        // Murray 2016: P = sym(Φ(Lᵀ Ḡ)) with Φ = lower triangle, diagonal halved; Ā = L⁻ᵀ P L⁻¹ by two solves
        out[0] = Tensor.make("cholesky", l, a.shape.clone(), g -> {
            Tensor lt = mT(out[0]);
            Tensor phi = lt.matmul(g).mul(triangleMask(n, false, 0.5));
            Tensor p = phi.add(mT(phi)).mul(0.5);
            Tensor y = solveTriangular("cholesky backward", lt, p, true);
            return new Tensor[] {mT(solveTriangular("cholesky backward", lt, mT(y), true))};
        }, a);
        return out[0];
    }

    // ---------------------------------------------------------------- diagonal and trace

    /**
     * The main diagonal of each matrix (a strided read, so infinite entries off the diagonal
     * do not turn into NaN as they would in a masked sum).
     *
     * @param a square matrices [..., n, n]
     * @return [..., n]
     */
    public static Tensor diagonal(Tensor a) {
        square("diagonal", a);
        return LayoutOps.diagonal("diagonal", a);
    }

    /**
     * The trace of each matrix.
     *
     * @param a square matrices [..., n, n]
     * @return the batch shape
     */
    public static Tensor trace(Tensor a) {
        return diagonal(a).sum(-1);
    }

    // ---------------------------------------------------------------- decompositions (see Decompositions)

    /**
     * Eigenvalues (ascending) and eigenvectors of symmetric matrices. The gradient is
     * symmetric, as PyTorch's; through the eigenvectors it needs distinct eigenvalues, unless
     * the loss does not depend on the basis chosen in a repeated eigenspace.
     *
     * @param a symmetric matrices [..., n, n] (to a relative 1e-10 of the largest entry; the
     *          symmetric part is decomposed)
     * @return the eigenvalues [..., n] and eigenvectors [..., n, n]
     * @throws IllegalArgumentException naming the matrix and entries when A is not symmetric;
     *         its backward throws ArithmeticException for repeated eigenvalues the loss depends on
     */
    public static Eigh eigh(Tensor a) {
        return Decompositions.eigh(a);
    }

    /**
     * The thin SVD. Through U and Vh the gradient needs distinct singular values (unless the
     * loss does not depend on the basis chosen for a repeated one) and, for a rectangular
     * matrix, full rank.
     *
     * @param a matrices [..., m, n]
     * @return U [..., m, k], S [..., k] descending, Vh [..., k, n], k = min(m, n)
     */
    public static Svd svd(Tensor a) {
        return Decompositions.svd("svd", a);
    }

    /**
     * The reduced QR decomposition (Householder, EJML), R with a nonnegative diagonal. The
     * gradient needs full rank (R with a nonzero diagonal).
     *
     * @param a matrices [..., m, n]
     * @return Q [..., m, k] and R [..., k, n], k = min(m, n)
     */
    public static Qr qr(Tensor a) {
        return Decompositions.qr(a);
    }

    /**
     * The Moore–Penrose pseudo-inverse by the SVD; singular values at or below
     * {@code max(m, n) · ε · σ_max} count as zero (PyTorch's default). The gradient is that of
     * a matrix of locally constant rank.
     *
     * @param a matrices [..., m, n]
     * @return A⁺ [..., n, m]
     */
    public static Tensor pinv(Tensor a) {
        return Decompositions.pinv(a);
    }

    /**
     * A matrix norm of each matrix: {@code "fro"} the Frobenius norm (gradient A/‖A‖, 0 at
     * A = 0 as PyTorch), {@code "nuc"} the nuclear norm, the sum of the singular values
     * (gradient U Vh).
     *
     * @param a   matrices [..., m, n]
     * @param ord {@code "fro"} or {@code "nuc"}
     * @return the norms, of the batch shape
     */
    public static Tensor matrixNorm(Tensor a, String ord) {
        return Decompositions.matrixNorm(a, ord);
    }
}
