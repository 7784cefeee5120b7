package dev.chainrule.autograd.kernel;

/**
 * A native matrix-product library that a separate jar plugs in, found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services} entry naming this interface).
 * The {@code chainrule-native-blas} module provides one, a bundled OpenBLAS; with it on the
 * class path {@link MatMul} prefers it to the system BLAS and EJML. autograd itself depends on
 * no native code.
 *
 * <p>Both products are row-major, as the tensors store them, with the arguments of CBLAS's
 * {@code cblas_?gemm(CblasRowMajor, …)}: {@code C[m×n] = alpha·op(A)·op(B) + beta·C}, where
 * {@code op(A)} is {@code A} or its transpose ({@code transA}), {@code op(A)} is m×k and
 * {@code op(B)} is k×n, and {@code lda}, {@code ldb}, {@code ldc} are the stored row lengths.
 * Callers pass m, n, k ≥ 1 (empty products never reach a provider). Implementations must be
 * safe to call from several threads at once and keep no reference to the arrays.
 */
public interface MatMulProvider {
    /**
     * Loads the native library. Called once, before any other method but {@link #name()}; a
     * provider that cannot load here (another OS or CPU, a missing library) throws, and its
     * message is kept for {@link MatMul#report()}.
     *
     * @return a one-line description for reports, e.g. the library and its version
     * @throws Exception (or a {@link LinkageError}) when the library cannot be used here
     */
    String load() throws Exception;

    /**
     * A short name for benchmark records and the commands' headers, e.g. "bundled-openblas".
     *
     * @return the kernel's name
     */
    String name();

    /**
     * Float64 product {@code C = alpha·op(A)·op(B) + beta·C}, row-major (see the class comment).
     *
     * @param transA use Aᵀ, A stored k×m
     * @param transB use Bᵀ, B stored n×k
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha factor of the product
     * @param a A's storage
     * @param lda A's stored row length
     * @param b B's storage
     * @param ldb B's stored row length
     * @param beta factor of C's previous contents (0: C is overwritten, never read)
     * @param c C's storage
     * @param ldc C's stored row length
     */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
               double[] b, int ldb, double beta, double[] c, int ldc);

    /**
     * Float32 product, the same contract as {@link #dgemm} on {@code float[]}.
     *
     * @param transA use Aᵀ, A stored k×m
     * @param transB use Bᵀ, B stored n×k
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param alpha factor of the product
     * @param a A's storage
     * @param lda A's stored row length
     * @param b B's storage
     * @param ldb B's stored row length
     * @param beta factor of C's previous contents (0: C is overwritten, never read)
     * @param c C's storage
     * @param ldc C's stored row length
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
               float[] b, int ldb, float beta, float[] c, int ldc);

    /**
     * Sets the most threads the library's own pool uses for one product (a provider may use
     * fewer for small products, see {@link KernelChoice#PARALLEL_MIN_FLOPS}).
     *
     * @param threads at least 1
     */
    void setThreads(int threads);

    /**
     * The thread count last set.
     *
     * @return the most threads per product
     */
    int threads();
}
