package dev.chainrule.autograd;

import dev.chainrule.autograd.kernel.MatMul;

/**
 * The matrix-product backend every {@link Tensor#matmul} and linear layer runs on: which kernel
 * was chosen (a bundled OpenBLAS, the system BLAS, netlib-java's Vector API kernels or EJML),
 * how many threads one product uses, and why. The kernels themselves are internal (the
 * {@code kernel} package is not exported); this class is the user-facing knob, as
 * {@code torch.set_num_threads} and {@code torch.backends} are PyTorch's.
 * <pre>{@code
 * Backend.threads(1);                 // one thread per product, e.g. beside other work
 * System.out.println(Backend.report()); // "matmul kernel bundled-openblas, 1 thread (...)"
 * }</pre>
 * The system property {@value #PROPERTY} forces a kernel by name ({@code bundled},
 * {@code native-blas}, {@code netlib-vector}, {@code ejml-mt}, {@code ejml}) instead of the
 * automatic choice ({@code auto}).
 */
public final class Backend {
    /** System property that names the kernel to use instead of the automatic choice. */
    public static final String PROPERTY = MatMul.PROPERTY;

    private Backend() {
    }

    /**
     * The short name of the kernel in use, e.g. {@code bundled-openblas} or {@code ejml}.
     *
     * @return the kernel's name
     */
    public static String kernel() {
        return MatMul.kernel().name();
    }

    /**
     * Chooses the kernel again for {@code threads} threads per product and sets that count on it
     * where it can be set (the bundled OpenBLAS); a kernel whose thread count is fixed at more is
     * passed over, so {@code threads(1)} really computes on one thread.
     *
     * @param threads threads for one product, at least 1
     * @return the name of the kernel now in use
     */
    public static String threads(int threads) {
        return MatMul.threads(threads).name();
    }

    /**
     * The kernel in use, its thread count and why each faster kernel is or is not available here.
     *
     * @return one line, e.g. for a program's log
     */
    public static String report() {
        return MatMul.report();
    }
}
