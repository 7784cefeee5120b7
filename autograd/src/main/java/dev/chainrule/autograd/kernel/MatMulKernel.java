package dev.chainrule.autograd.kernel;

/**
 * Dense row-major matrix products, float64 and float32, the only place the graph's products
 * are computed. The float32 methods default to the float64 product of the widened operands
 * rounded once (exact products, so no worse than sgemm); kernels with a float32 routine
 * (sgemm, the Vector API kernel's FloatVector twin) override them.
 * Implementations overwrite {@code c} (except {@link #multAdd} and {@link #multTransBAdd}, which
 * accumulate into it);
 * they never keep references to the arrays.
 * {@link EjmlMatMul} is always available and is the oracle every faster kernel is tested
 * against; {@link MatMul#kernel()} picks the one in use.
 */
public interface MatMulKernel {
    /**
     * A short name for benchmark lines and the demo's output, e.g. "ejml".
     *
     * @return the kernel's short name, never null
     */
    String name();

    /**
     * {@code c[m×n] = a[m×k] · b[k×n]}.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, row-major k×n
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of a and c
     * @param k columns of a, rows of b
     * @param n columns of b and c
     */
    void mult(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c[m×n] += a[m×k] · b[k×n]}: BLAS's beta = 1, so a fused affine op can preload
     * {@code c} with the bias rows and add the product in the same pass.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, row-major k×n
     * @param c the row-major m×n matrix the product is added to
     * @param m rows of a and c
     * @param k columns of a, rows of b
     * @param n columns of b and c
     */
    void multAdd(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c[m×n] += a[m×k] · bᵀ} where {@code b} is stored as n×k: {@link #multAdd} for a
     * weight stored [out, in] (PyTorch's Linear layout), read transposed in place.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, stored row-major as n×k
     * @param c holds the addend on entry and receives the sum, row-major m×n
     * @param m rows of a and c
     * @param k the contracted length (columns of a and of the stored b)
     * @param n columns of c (rows of the stored b)
     */
    void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c[m×n] = aᵀ · b} where {@code a} is stored as k×m.
     *
     * @param a the left matrix, stored row-major as k×m
     * @param b the right matrix, row-major k×n
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of c (columns of the stored a)
     * @param k the contracted length (rows of the stored a and of b)
     * @param n columns of b and c
     */
    void multTransA(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * {@code c[m×n] = a · bᵀ} where {@code b} is stored as n×k.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, stored row-major as n×k
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of a and c
     * @param k the contracted length (columns of a and of the stored b)
     * @param n columns of c (rows of the stored b)
     */
    void multTransB(double[] a, double[] b, double[] c, int m, int k, int n);

    /**
     * float32 {@code c[m×n] = a[m×k] · b[k×n]}.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, row-major k×n
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of a and c
     * @param k columns of a, rows of b
     * @param n columns of b and c
     */
    default void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        double[] wide = new double[c.length];
        mult(Kernels.widen(a), Kernels.widen(b), wide, m, k, n);
        Kernels.narrowInto(wide, c);
    }

    /**
     * float32 {@code c[m×n] += a[m×k] · b[k×n]}.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, row-major k×n
     * @param c the row-major m×n matrix the product is added to
     * @param m rows of a and c
     * @param k columns of a, rows of b
     * @param n columns of b and c
     */
    default void multAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        double[] wide = Kernels.widen(c);
        multAdd(Kernels.widen(a), Kernels.widen(b), wide, m, k, n);
        Kernels.narrowInto(wide, c);
    }

    /**
     * float32 {@code c[m×n] += a[m×k] · bᵀ} where {@code b} is stored as n×k.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, stored row-major as n×k
     * @param c holds the addend on entry and receives the sum, row-major m×n
     * @param m rows of a and c
     * @param k the contracted length (columns of a and of the stored b)
     * @param n columns of c (rows of the stored b)
     */
    default void multTransBAdd(float[] a, float[] b, float[] c, int m, int k, int n) {
        double[] wide = Kernels.widen(c);
        multTransBAdd(Kernels.widen(a), Kernels.widen(b), wide, m, k, n);
        Kernels.narrowInto(wide, c);
    }

    /**
     * float32 {@code c[m×n] = aᵀ · b} where {@code a} is stored as k×m.
     *
     * @param a the left matrix, stored row-major as k×m
     * @param b the right matrix, row-major k×n
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of c (columns of the stored a)
     * @param k the contracted length (rows of the stored a and of b)
     * @param n columns of b and c
     */
    default void multTransA(float[] a, float[] b, float[] c, int m, int k, int n) {
        double[] wide = new double[c.length];
        multTransA(Kernels.widen(a), Kernels.widen(b), wide, m, k, n);
        Kernels.narrowInto(wide, c);
    }

    /**
     * float32 {@code c[m×n] = a · bᵀ} where {@code b} is stored as n×k.
     *
     * @param a the left matrix, row-major m×k
     * @param b the right matrix, stored row-major as n×k
     * @param c receives the product, row-major m×n (overwritten)
     * @param m rows of a and c
     * @param k the contracted length (columns of a and of the stored b)
     * @param n columns of c (rows of the stored b)
     */
    default void multTransB(float[] a, float[] b, float[] c, int m, int k, int n) {
        double[] wide = new double[c.length];
        multTransB(Kernels.widen(a), Kernels.widen(b), wide, m, k, n);
        Kernels.narrowInto(wide, c);
    }
}
