package dev.chainrule.autograd.kernel;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds the BLAS-backed kernels this runtime can use, quietly: a kernel that cannot load is
 * simply absent (the reason is kept for {@link MatMul#report()}), never an error.
 *
 * <p>Bundled: the first {@link MatMulProvider} that {@link ServiceLoader} finds and that loads,
 * such as {@code chainrule-native-blas}'s OpenBLAS; loaded once per JVM, since a native
 * library cannot be unloaded. The bundled and the system OpenBLAS never load into the same JVM:
 * both export the same symbols (OpenBLAS's internal kernels and tables), and a library loaded
 * later binds its lazily resolved calls to the one loaded first, which crashes; whichever is
 * asked for first wins, and the other reports why it stayed out. netlib-java builds all its
 * implementations at once, so asking it for the Vector API kernels loads the system BLAS too:
 * with the bundled one loaded, netlib-java is not touched at all.
 * <p>Native: netlib-java's JNI shim {@code dlopen}s {@code libblas.so.3}, which on Debian is
 * whatever the alternatives system points to. Only an optimized BLAS (OpenBLAS, BLIS, MKL)
 * is taken: the netlib reference BLAS behind the same name is slower than EJML. The shim
 * also needs the f2j classes ({@code org.netlib.util.*}) on the class path, which the Maven
 * dependency brings; without them it fails with {@code NoClassDefFoundError: booleanW}.
 * Vector: chainrule's {@code VectorMatMul} and netlib-java's pure-Java kernels on the JDK
 * Vector API, present only when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class BlasKernels {
    /** Where distributions put {@code libblas.so.3}, searched like the dynamic loader would. */
    private static final List<String> LIB_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/lib64", "/lib", "/usr/local/lib");
    private static final List<String> OPTIMIZED = List.of("openblas", "blis", "mkl");

    private static String bundledReason = "not tried";
    private static String nativeReason = "not tried";
    private static Optional<ProviderMatMul> bundled;
    /** Set once netlib-java has loaded (and with it the system BLAS): then the bundled one must not. */
    private static boolean systemLoaded;
    private static final String EXCLUSIVE = "two OpenBLAS builds in one JVM bind each other's symbols";
    private static String vectorReason = "not tried";
    private static Optional<MatMulKernel> javaVector;
    private static String javaVectorReason = "not tried";

    private BlasKernels() {
    }

    /** False when {@code -Dchainrule.native=false} keeps every native BLAS out of this JVM. */
    static boolean nativeAllowed() {
        return !"false".equalsIgnoreCase(System.getProperty(MatMul.NATIVE_PROPERTY, "true"));
    }

    /** The bundled native kernel: the first {@link MatMulProvider} on the class path that loads. */
    static synchronized Optional<ProviderMatMul> bundled() {
        if (bundled == null) {
            if (!nativeAllowed()) {
                bundledReason = "not loaded: -D" + MatMul.NATIVE_PROPERTY + "=false";
                return Optional.empty();
            }
            if (systemLoaded) {
                bundledReason = "not loaded: the system BLAS is loaded in this JVM, and " + EXCLUSIVE;
                return Optional.empty();
            }
            bundled = loadBundled();
        }
        return bundled;
    }

    private static Optional<ProviderMatMul> loadBundled() {
        StringBuilder failures = new StringBuilder();
        try {
            for (MatMulProvider p : ServiceLoader.load(MatMulProvider.class, MatMulProvider.class.getClassLoader())) {
                try {
                    String description = p.load();
                    bundledReason = "loaded " + description;
                    return Optional.of(new ProviderMatMul(p));
                } catch (Exception | LinkageError e) {
                    failures.append(failures.length() == 0 ? "" : "; ").append(p.name()).append(" did not load: ").append(e);
                }
            }
        } catch (ServiceConfigurationError e) {
            failures.append(failures.length() == 0 ? "" : "; ").append(e.getMessage());
        }
        bundledReason = failures.length() > 0 ? failures.toString()
                : "no provider on the class path (add dev.chainrule:chainrule-native-blas)";
        return Optional.empty();
    }

    /**
     * The threads the system OpenBLAS uses per product: it reads {@code OPENBLAS_NUM_THREADS}
     * once, when it loads, and netlib-java offers no call to change it; unset, OpenBLAS uses
     * every core.
     */
    static int systemThreads() {
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        try {
            if (env != null && Integer.parseInt(env.trim()) >= 1) {
                return Integer.parseInt(env.trim());
            }
        } catch (NumberFormatException e) {
            // not a number: OpenBLAS ignores it too
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Native BLAS through JNI when {@code libblas.so.3} is an optimized BLAS (or {@code force}). */
    static synchronized Optional<MatMulKernel> nativeBlas(boolean force) {
        if (!nativeAllowed()) {
            nativeReason = "not loaded: -D" + MatMul.NATIVE_PROPERTY + "=false";
            return Optional.empty();
        }
        if (bundled != null && bundled.isPresent()) {
            nativeReason = "not loaded: the bundled OpenBLAS is loaded in this JVM, and " + EXCLUSIVE
                    + " (-D" + MatMul.PROPERTY + "=native-blas chooses the system one instead)";
            return Optional.empty();
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            nativeReason = "netlib-java ships its JNI shim for Linux only";
            return Optional.empty();
        }
        Optional<Path> lib = resolveLibblas();
        if (lib.isEmpty()) {
            nativeReason = "no libblas.so.3 installed (Debian: apt-get install libopenblas0-pthread)";
            return Optional.empty();
        }
        String real = lib.get().toString().toLowerCase(Locale.ROOT);
        if (!force && OPTIMIZED.stream().noneMatch(real::contains)) {
            nativeReason = "libblas.so.3 is " + lib.get() + ", not an optimized BLAS";
            return Optional.empty();
        }
        try {
            BLAS blas = quietly(NativeBLAS::getInstance);
            systemLoaded = true;
            nativeReason = "loaded " + lib.get();
            return Optional.of(new BlasMatMul(blas, "native-blas:" + lib.get().getParent().getFileName()));
        } catch (RuntimeException | LinkageError e) {
            nativeReason = "JNI load failed: " + e;
            return Optional.empty();
        }
    }

    /** netlib-java's Vector API kernels when {@code jdk.incubator.vector} is in the boot layer. */
    static synchronized Optional<MatMulKernel> vectorBlas() {
        if (bundled != null && bundled.isPresent()) {
            vectorReason = "not loaded: netlib-java would load the system BLAS beside the bundled OpenBLAS, and "
                    + EXCLUSIVE;
            return Optional.empty();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            vectorReason = "the JVM was started without --add-modules jdk.incubator.vector";
            return Optional.empty();
        }
        try {
            systemLoaded = true; // netlib-java loads libblas.so.3 while it builds its instances
            BLAS blas = quietly(JavaBLAS::getInstance);
            if (!blas.getClass().getSimpleName().equals("VectorBLAS")) {
                vectorReason = "netlib-java chose " + blas.getClass().getSimpleName();
                return Optional.empty();
            }
            vectorReason = "loaded";
            return Optional.of(new BlasMatMul(blas, "netlib-vector"));
        } catch (RuntimeException | LinkageError e) {
            vectorReason = "load failed: " + e;
            return Optional.empty();
        }
    }

    /**
     * chainrule's own Vector API kernel when {@code jdk.incubator.vector} is in the boot layer.
     * It is loaded by name: a class linked against the module fails to load without it.
     */
    static synchronized Optional<MatMulKernel> javaVector() {
        if (javaVector == null) {
            javaVector = loadJavaVector();
        }
        return javaVector;
    }

    private static Optional<MatMulKernel> loadJavaVector() {
        Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (vector.isEmpty()) {
            javaVectorReason = "the JVM was started without --add-modules jdk.incubator.vector";
            return Optional.empty();
        }
        try {
            // on the module path, module-info cannot require an incubator module (javac would warn on
            // every build), so the module reads it from here; on the class path this does nothing
            BlasKernels.class.getModule().addReads(vector.get());
            MatMulKernel k = (MatMulKernel) Class.forName("dev.chainrule.autograd.kernel.VectorMatMul")
                    .getDeclaredConstructor().newInstance();
            javaVectorReason = "loaded";
            return Optional.of(k);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            javaVectorReason = "load failed: " + e;
            return Optional.empty();
        }
    }

    /** Why each BLAS kernel is or is not available, for {@link MatMul#report()}. */
    static synchronized String reasons() {
        return "bundled: " + bundledReason + "; native-blas: " + nativeReason + "; vector: " + javaVectorReason
                + "; netlib-vector: " + vectorReason;
    }

    /** The file {@code libblas.so.3} resolves to, through symbolic links (alternatives). */
    private static Optional<Path> resolveLibblas() {
        String explicit = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
        if (explicit != null) {
            return realPath(Path.of(explicit));
        }
        for (String dir : LIB_DIRS) {
            Optional<Path> p = realPath(Path.of(dir, "libblas.so.3"));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> realPath(Path p) {
        try {
            return Files.exists(p) ? Optional.of(p.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * netlib-java logs a warning for every implementation it fails to load while it builds
     * all of them at once; we report availability ourselves, so its logger is silenced here.
     */
    private static <T> T quietly(java.util.function.Supplier<T> load) {
        Logger log = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        Level previous = log.getLevel();
        log.setLevel(Level.OFF);
        try {
            return load.get();
        } finally {
            log.setLevel(previous);
        }
    }
}
