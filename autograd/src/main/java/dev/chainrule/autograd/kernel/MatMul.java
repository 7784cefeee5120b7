package dev.chainrule.autograd.kernel;

import dev.chainrule.autograd.kernel.KernelChoice.Candidate;
import dev.chainrule.autograd.kernel.KernelChoice.Choice;
import dev.chainrule.autograd.kernel.KernelChoice.Kind;
import dev.chainrule.autograd.kernel.KernelChoice.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The matrix-product kernel in use, chosen at first use by {@link KernelChoice} from what this
 * runtime offers:
 * <ol>
 *   <li>{@code bundled} — a {@link MatMulProvider} on the class path, such as the OpenBLAS that
 *       {@code chainrule-native-blas} ships (no system install needed);</li>
 *   <li>{@code native-blas:…} — the system's optimized BLAS (OpenBLAS) through netlib-java's
 *       JNI shim, when {@code libblas.so.3} is OpenBLAS, BLIS or MKL;</li>
 *   <li>{@code vector} — chainrule's own blocked and packed kernel on the JDK Vector API
 *       ({@code VectorMatMul}), when the JVM runs with {@code --add-modules jdk.incubator.vector};</li>
 *   <li>{@code netlib-vector} — netlib-java's JDK Vector API kernels, under the same condition;</li>
 *   <li>{@code ejml-mt} / {@code ejml} — always available, and the oracle the others are
 *       tested against.</li>
 * </ol>
 * Products too small to pay for a native call go to single-threaded EJML (see
 * {@link KernelChoice#SMALL_FLOPS}). The system property {@code chainrule.matmul} forces a
 * kernel by its {@link Kind#key()} ({@code bundled}, {@code native-blas}, {@code vector}, {@code netlib-vector},
 * {@code ejml-mt}, {@code ejml}) or leaves the choice to {@code auto}, the default.
 * {@code -Dchainrule.native=false} ({@link #NATIVE_PROPERTY}) runs no product on a native BLAS,
 * neither the bundled nor the system one: what a machine gets where none loads (the automatic
 * choice is then {@code vector} when the JVM has the Vector API module, else EJML;
 * netlib-java still opens the system {@code libblas.so.3} while it builds its instances, but
 * nothing calls it).
 */
public final class MatMul {
    /** System property that names the kernel to use instead of the automatic choice. */
    public static final String PROPERTY = "chainrule.matmul";

    /** System property that, set to {@code false}, keeps every native BLAS out (the pure-Java kernels only). */
    public static final String NATIVE_PROPERTY = "chainrule.native";

    private static volatile MatMulKernel kernel;
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private MatMul() {
    }

    /**
     * The kernel in use.
     *
     * @return the kernel every product of the graph runs on
     */
    public static MatMulKernel kernel() {
        MatMulKernel k = kernel;
        if (k == null) {
            synchronized (MatMul.class) {
                if (kernel == null) {
                    kernel = choose(new Settings(System.getProperty(PROPERTY, "auto"), threads));
                }
                k = kernel;
            }
        }
        return k;
    }

    /**
     * Chooses the kernel again for {@code threads} threads per product and sets that count on
     * it where it can be set (the bundled OpenBLAS); a kernel whose thread count is fixed at
     * more than that is passed over (the system OpenBLAS unless {@code OPENBLAS_NUM_THREADS}
     * allows it), so {@code threads(1)} really computes on one thread.
     *
     * @param threads threads for one product, at least 1
     * @return the kernel now in use
     */
    public static synchronized MatMulKernel threads(int threads) {
        MatMulKernel k = choose(new Settings(System.getProperty(PROPERTY, "auto"), threads));
        MatMul.threads = threads;
        kernel = k;
        return k;
    }

    /**
     * The plug-in native library this JVM loaded ({@link MatMulProvider}, e.g. the bundled
     * OpenBLAS), for callers that need more than the f64 kernel: its {@code sgemm}, its threads.
     *
     * @return the loaded provider, or empty when none is on the class path or none loads here
     */
    public static Optional<MatMulProvider> provider() {
        return BlasKernels.bundled().map(ProviderMatMul::provider);
    }

    /**
     * Replaces the kernel in use (benchmarks and tests compare kernels side by side).
     *
     * @param k the kernel to use from now on
     */
    public static void use(MatMulKernel k) {
        kernel = Objects.requireNonNull(k, "MatMul.use: kernel is null");
    }

    /**
     * Every kernel that loads in this runtime, single-threaded EJML first: what the tests check
     * against EJML and what the benchmarks compare.
     *
     * @return the kernels, EJML first
     */
    public static List<MatMulKernel> available() {
        List<MatMulKernel> all = new ArrayList<>();
        for (Offer o : offers()) {
            all.add(o.kernel());
        }
        return all;
    }

    /**
     * The kernel in use and why each faster kernel is or is not available here.
     *
     * @return one line for the benchmark's environment record and the demo
     */
    public static String report() {
        return "matmul kernel " + kernel().name() + ", " + threads + " thread" + (threads == 1 ? "" : "s")
                + " (" + BlasKernels.reasons() + ")";
    }

    /** A kernel this runtime offers with what {@link KernelChoice} needs to know about it. */
    private record Offer(Candidate candidate, MatMulKernel kernel) {
    }

    /**
     * What this runtime offers. The system BLAS is tried first only when it is asked for
     * ({@code -Dchainrule.matmul=native-blas}, which also takes a BLAS netlib-java's check
     * refuses): the bundled and the system OpenBLAS exclude each other (see {@link BlasKernels}).
     */
    private static List<Offer> offers() {
        String wanted = System.getProperty(PROPERTY, "auto");
        boolean systemWanted = wanted.equals(Kind.SYSTEM.key());
        // the Vector API kernels come from netlib-java, which the bundled OpenBLAS keeps out
        boolean bundledAllowed = !wanted.equals(Kind.VECTOR.key());
        List<Offer> all = new ArrayList<>();
        all.add(new Offer(KernelChoice.ejml(Kind.EJML), new EjmlMatMul(false)));
        all.add(new Offer(KernelChoice.ejml(Kind.EJML_MT), new EjmlMatMul(true)));
        if (systemWanted) {
            system(all, true);
        }
        if (bundledAllowed) {
            BlasKernels.bundled().ifPresent(k -> all.add(new Offer(new Candidate(Kind.BUNDLED, k.name(), true, 1), k)));
        }
        if (!systemWanted) {
            system(all, false);
        }
        BlasKernels.javaVector().ifPresent(k -> all.add(new Offer(new Candidate(Kind.JAVA_VECTOR, k.name(), false, 1), k)));
        BlasKernels.vectorBlas().ifPresent(k -> all.add(new Offer(new Candidate(Kind.VECTOR, k.name(), false, 1), k)));
        return all;
    }

    private static void system(List<Offer> all, boolean force) {
        BlasKernels.nativeBlas(force).ifPresent(k -> all.add(
                new Offer(new Candidate(Kind.SYSTEM, k.name(), false, BlasKernels.systemThreads()), k)));
    }

    /** The kernel {@link KernelChoice} picks from this runtime's offers, with its threads set. */
    private static MatMulKernel choose(Settings settings) {
        List<Offer> offers = offers();
        Choice choice;
        try {
            choice = KernelChoice.choose(offers.stream().map(Offer::candidate).toList(), settings);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + BlasKernels.reasons() + ")", e);
        }
        MatMulKernel k = offers.stream().filter(o -> o.candidate().equals(choice.kernel())).findFirst()
                .map(Offer::kernel).orElseGet(() -> new EjmlMatMul(choice.kernel().kind() == Kind.EJML_MT));
        if (choice.setThreads() > 0 && k instanceof ProviderMatMul p) {
            p.provider().setThreads(choice.setThreads());
        }
        return choice.smallToEjml() ? new SizeDispatch(new EjmlMatMul(false), k) : k;
    }
}
