package dev.chainrule.autograd.kernel;

/**
 * Chooses the matrix-product kernel once, at first use. Today: EJML. Faster kernels are
 * added here behind {@link MatMulKernel}, chosen only when the runtime supports them.
 */
public final class MatMul {
    private static volatile MatMulKernel kernel = new EjmlMatMul(Runtime.getRuntime().availableProcessors() > 1);

    private MatMul() {
    }

    /** The kernel in use. */
    public static MatMulKernel kernel() {
        return kernel;
    }

    /** Replaces the kernel in use (benchmarks and tests compare kernels side by side). */
    public static void use(MatMulKernel k) {
        kernel = java.util.Objects.requireNonNull(k, "MatMul.use: kernel is null");
    }
}
