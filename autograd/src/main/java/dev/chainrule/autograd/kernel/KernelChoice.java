package dev.chainrule.autograd.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which matrix-product kernel to use, as a pure function of what the machine offers and what
 * was asked ({@link #choose}): no loading, no global state, so every rule is testable with
 * made-up candidates. {@link MatMul} gathers the candidates and applies the choice. Every
 * size threshold of the kernels lives here too.
 *
 * <p>The automatic order, fastest first as measured on the benchmark machine (BENCHMARKS.md):
 * the bundled OpenBLAS ({@code chainrule-native-blas}), the system's OpenBLAS through
 * netlib-java, chainrule's own Vector API kernel, netlib-java's Vector API kernels, then EJML. A kernel is taken only if it can
 * keep to the thread count: its thread count can be set, or it is fixed at no more than the
 * count asked for (the system OpenBLAS reads {@code OPENBLAS_NUM_THREADS} once, when it loads).
 */
public final class KernelChoice {
    /**
     * Products with fewer multiply-adds than this go to single-threaded EJML whatever the
     * large-product kernel: a native call's fixed cost is not earned back. Measured on the
     * benchmark machine: native BLAS already wins at 100×2×16, and the two tie near 8³.
     */
    public static final long SMALL_FLOPS = 8L * 8 * 8;

    /**
     * Products with fewer multiply-adds than this run on one thread in the bundled OpenBLAS
     * whatever its thread count. Measured on the 2-vCPU benchmark machine (quiet, 16 one-minute
     * windows, best of 5 batches each; BENCHMARKS.md, "Threads and small products"): at n = 128
     * one thread gave 34-43 GFLOP/s, two threads anywhere from 16 to 50 (31-78 without the
     * copies into native memory), and PyTorch's two threads on the same OpenBLAS 36-79: a second
     * thread that the hypervisor or another process delays stalls the whole product. From
     * n = 256 two threads win often enough to keep (31-78 against 43-48 at 256, 49-83 against
     * 36-46 at 512).
     */
    public static final long PARALLEL_MIN_FLOPS = 256L * 256 * 256;

    /** Below this many multiply-adds EJML's threaded variants cost more than they save. */
    public static final long EJML_CONCURRENT_MIN_FLOPS = 64L * 64 * 64;

    /** What a kernel is, in the order of preference. */
    public enum Kind {
        /** A {@link MatMulProvider} found on the class path, e.g. the bundled OpenBLAS. */
        BUNDLED("bundled"),
        /** The system's optimized {@code libblas.so.3} through netlib-java's JNI shim. */
        SYSTEM("native-blas"),
        /** chainrule's own blocked, packed Vector API kernel ({@code VectorMatMul}, one thread). */
        JAVA_VECTOR("vector"),
        /** netlib-java's pure-Java kernels on the JDK Vector API (one thread). */
        VECTOR("netlib-vector"),
        /** EJML with its threaded variants for large products (the common fork-join pool). */
        EJML_MT("ejml-mt"),
        /** Single-threaded EJML: always there, and the oracle every other kernel is tested against. */
        EJML("ejml");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /**
         * The name {@code -Dchainrule.matmul} uses for this kind.
         *
         * @return e.g. "native-blas"
         */
        public String key() {
            return key;
        }

        /**
         * The kind named {@code key}, if any.
         *
         * @param key a {@link #key()}
         * @return the kind, or empty for an unknown name
         */
        public static Optional<Kind> of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A kernel this machine offers.
     *
     * @param kind         what it is
     * @param name         its kernel name
     * @param setsThreads  its thread count can be set while running
     * @param fixedThreads otherwise, the threads it uses per product
     */
    public record Candidate(Kind kind, String name, boolean setsThreads, int fixedThreads) {
        /**
         * Checks the fields.
         *
         * @param kind what it is
         * @param name its kernel name
         * @param setsThreads its thread count can be set
         * @param fixedThreads otherwise its thread count, at least 1
         */
        public Candidate {
            Objects.requireNonNull(kind, "Candidate: kind is null");
            Objects.requireNonNull(name, "Candidate: name is null");
            if (!setsThreads && fixedThreads < 1) {
                throw new IllegalArgumentException("Candidate " + name + ": fixedThreads must be at least 1, got " + fixedThreads);
            }
        }

        /**
         * True when this kernel uses no more than {@code threads} threads.
         *
         * @param threads the thread budget
         * @return whether it keeps to it
         */
        public boolean fits(int threads) {
            return setsThreads || fixedThreads <= threads;
        }
    }

    /**
     * What was asked for.
     *
     * @param wanted  {@code auto}, or a {@link Kind#key()} to force that kernel
     * @param threads threads for one product, at least 1
     */
    public record Settings(String wanted, int threads) {
        /**
         * Checks the fields.
         *
         * @param wanted {@code auto} or a kind's key
         * @param threads at least 1
         */
        public Settings {
            Objects.requireNonNull(wanted, "Settings: wanted is null");
            if (threads < 1) {
                throw new IllegalArgumentException("KernelChoice.Settings: threads must be at least 1, got " + threads);
            }
        }
    }

    /**
     * The decision.
     *
     * @param kernel       the kernel for large products
     * @param smallToEjml  send products under {@link #SMALL_FLOPS} to single-threaded EJML
     * @param setThreads   the thread count to set on {@code kernel}, or 0 to leave it
     */
    public record Choice(Candidate kernel, boolean smallToEjml, int setThreads) {
    }

    private KernelChoice() {
    }

    /**
     * Chooses the kernel.
     *
     * @param available the kernels this machine offers, in any order (EJML need not be listed)
     * @param settings  the kernel asked for and the thread count
     * @return the choice
     * @throws IllegalArgumentException when {@code settings.wanted()} names no kernel
     * @throws IllegalStateException    when the kernel asked for is not available
     */
    public static Choice choose(List<Candidate> available, Settings settings) {
        int t = settings.threads();
        if (!settings.wanted().equals("auto")) {
            Kind kind = Kind.of(settings.wanted()).orElseThrow(() -> new IllegalArgumentException(
                    "-D" + MatMul.PROPERTY + "=" + settings.wanted() + ": unknown kernel; expected auto, bundled, "
                            + "native-blas, vector, netlib-vector, ejml-mt or ejml"));
            Candidate c = find(available, kind).orElseThrow(() -> new IllegalStateException(
                    "-D" + MatMul.PROPERTY + "=" + settings.wanted() + ": that kernel is not available here"));
            // forced: exactly that kernel for every size, so a benchmark measures what it names
            return new Choice(c, false, c.setsThreads() ? t : 0);
        }
        for (Kind kind : List.of(Kind.BUNDLED, Kind.SYSTEM, Kind.JAVA_VECTOR, Kind.VECTOR)) {
            Optional<Candidate> c = find(available, kind).filter(k -> k.fits(t));
            if (c.isPresent()) {
                return new Choice(c.get(), true, c.get().setsThreads() ? t : 0);
            }
        }
        Kind ejml = t > 1 ? Kind.EJML_MT : Kind.EJML;
        return new Choice(find(available, ejml).orElse(ejml(ejml)), false, 0);
    }

    /**
     * The EJML candidate of that kind, which every machine offers.
     *
     * @param kind {@link Kind#EJML} or {@link Kind#EJML_MT}
     * @return its candidate
     */
    public static Candidate ejml(Kind kind) {
        if (kind == Kind.EJML) {
            return new Candidate(kind, "ejml", false, 1);
        }
        if (kind == Kind.EJML_MT) {
            return new Candidate(kind, "ejml-mt", false, Runtime.getRuntime().availableProcessors());
        }
        throw new IllegalArgumentException("KernelChoice.ejml: " + kind + " is not an EJML kernel");
    }

    private static Optional<Candidate> find(List<Candidate> available, Kind kind) {
        if (kind == Kind.EJML || kind == Kind.EJML_MT) {
            return Optional.of(available.stream().filter(c -> c.kind() == kind).findFirst().orElse(ejml(kind)));
        }
        return available.stream().filter(c -> c.kind() == kind).findFirst();
    }
}
