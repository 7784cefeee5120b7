package dev.chainrule.autograd.kernel;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * Matrix products through a netlib-java {@link BLAS} {@code dgemm}: the system's native BLAS
 * (OpenBLAS through JNI) or netlib-java's Vector API kernels. See {@link MatMul} for how one
 * is chosen.
 *
 * <p>BLAS is column-major and our arrays are row-major. A row-major r×c array read
 * column-major is the transpose, so {@code C = A·B} is computed as {@code Cᵀ = Bᵀ·Aᵀ}: the
 * same dgemm with the operands swapped and no copies.
 */
public final class BlasMatMul implements MatMulKernel {
    private final BLAS blas;
    private final String name;

    /**
     * A kernel over {@code blas}, reported as {@code name} in benchmarks and the demo.
     *
     * @param blas the BLAS implementation the products run on
     * @param name the kernel's short name, e.g. "blas-native"
     */
    public BlasMatMul(BLAS blas, String name) {
        this.blas = java.util.Objects.requireNonNull(blas, "BlasMatMul: blas is null");
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!trivial(c, m, k, n)) {
            // Cᵀ(n×m) = Bᵀ(n×k) · Aᵀ(k×m)
            blas.dgemm("N", "N", n, m, k, 1.0, b, n, a, k, 0.0, c, n);
        }
    }

    @Override
    public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        // an empty result or inner dimension adds nothing (BLAS would reject the leading dimensions)
        if (m != 0 && n != 0 && k != 0) {
            // Cᵀ(n×m) += Bᵀ(n×k) · Aᵀ(k×m): beta = 1 keeps what c holds
            blas.dgemm("N", "N", n, m, k, 1.0, b, n, a, k, 1.0, c, n);
        }
    }

    @Override
    public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (m != 0 && n != 0 && k != 0) {
            // Cᵀ += B · Aᵀ, as multTransB with beta = 1
            blas.dgemm("T", "N", n, m, k, 1.0, b, k, a, k, 1.0, c, n);
        }
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!trivial(c, m, k, n)) {
            // C = Aᵀ·B, a stored k×m: Cᵀ = Bᵀ · A, and A is the transpose of a's column-major view
            blas.dgemm("N", "T", n, m, k, 1.0, b, n, a, m, 0.0, c, n);
        }
    }

    @Override
    public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (!trivial(c, m, k, n)) {
            // C = A·Bᵀ, b stored n×k: Cᵀ = B · Aᵀ, and B is the transpose of b's column-major view
            blas.dgemm("T", "N", n, m, k, 1.0, b, k, a, k, 0.0, c, n);
        }
    }

    /**
     * Empty products, which BLAS rejects through its leading-dimension checks (they must be
     * at least 1): nothing to do for an empty result, zeros for an empty inner dimension.
     * Shared with {@link ProviderMatMul}, whose BLAS rejects them too.
     */
    static boolean trivial(double[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0.0);
            return true;
        }
        return false;
    }

    /** As {@link #trivial(double[], int, int, int)} for a float32 result. */
    static boolean trivial(float[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return true;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0f);
            return true;
        }
        return false;
    }
}
