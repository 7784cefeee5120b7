package dev.chainrule.autograd.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the matrix-product kernel once, at first use, from what the runtime allows:
 * <ol>
 *   <li>{@code native-blas:…} — the system's optimized BLAS (OpenBLAS) through netlib-java's
 *       JNI shim, when {@code libblas.so.3} is OpenBLAS, BLIS or MKL;</li>
 *   <li>{@code netlib-vector} — netlib-java's JDK Vector API kernels, when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector};</li>
 *   <li>{@code ejml-mt} / {@code ejml} — always available, and the oracle the others are
 *       tested against.</li>
 * </ol>
 * Whichever is chosen, products too small to pay for a BLAS call go to single-threaded EJML
 * (see {@link SizeDispatch}). The system property {@code chainrule.matmul} overrides the
 * choice with a kernel name ({@code ejml}, {@code ejml-mt}, {@code native-blas},
 * {@code netlib-vector}) or {@code auto}, the default.
 */
public final class MatMul {
    /** System property that names the kernel to use instead of the automatic choice. */
    public static final String PROPERTY = "chainrule.matmul";

    private static volatile MatMulKernel kernel;

    private MatMul() {
    }

    /** The kernel in use. */
    public static MatMulKernel kernel() {
        MatMulKernel k = kernel;
        if (k == null) {
            synchronized (MatMul.class) {
                if (kernel == null) {
                    kernel = choose(System.getProperty(PROPERTY, "auto"));
                }
                k = kernel;
            }
        }
        return k;
    }

    /** Replaces the kernel in use (benchmarks and tests compare kernels side by side). */
    public static void use(MatMulKernel k) {
        kernel = Objects.requireNonNull(k, "MatMul.use: kernel is null");
    }

    /**
     * Every kernel that loads in this runtime, EJML first: what the tests check against EJML
     * and what the benchmarks compare.
     */
    public static List<MatMulKernel> available() {
        List<MatMulKernel> all = new ArrayList<>();
        all.add(new EjmlMatMul(false));
        all.add(new EjmlMatMul(true));
        BlasKernels.nativeBlas(false).ifPresent(all::add);
        BlasKernels.vectorBlas().ifPresent(all::add);
        return all;
    }

    /** The kernel in use and why each faster kernel is or is not available here. */
    public static String report() {
        return "matmul kernel " + kernel().name() + " (" + BlasKernels.reasons() + ")";
    }

    /** The kernel named {@code wanted} ({@code auto} for the automatic choice). */
    static MatMulKernel choose(String wanted) {
        boolean threads = Runtime.getRuntime().availableProcessors() > 1;
        MatMulKernel ejml = new EjmlMatMul(threads);
        switch (wanted) {
            case "ejml":
                return new EjmlMatMul(false);
            case "ejml-mt":
                return new EjmlMatMul(true);
            case "native-blas":
                return required(wanted, BlasKernels.nativeBlas(true));
            case "netlib-vector":
                return required(wanted, BlasKernels.vectorBlas());
            case "auto":
                break;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + wanted + ": unknown kernel; expected "
                        + "auto, ejml, ejml-mt, native-blas or netlib-vector");
        }
        Optional<MatMulKernel> fast = BlasKernels.nativeBlas(false).or(BlasKernels::vectorBlas);
        return fast.<MatMulKernel>map(f -> new SizeDispatch(new EjmlMatMul(false), f)).orElse(ejml);
    }

    private static MatMulKernel required(String wanted, Optional<MatMulKernel> k) {
        return k.orElseThrow(() -> new IllegalStateException("-D" + PROPERTY + "=" + wanted
                + ": that kernel is not available here (" + BlasKernels.reasons() + ")"));
    }
}
