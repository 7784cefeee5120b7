package dev.chainrule.nativeblas;

import dev.chainrule.autograd.kernel.KernelChoice;
import dev.chainrule.autograd.kernel.MatMulProvider;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.bytedeco.openblas.presets.openblas_nolapack.SetNumThreads;

/**
 * The OpenBLAS that ships inside {@code org.bytedeco:openblas} (JavaCPP presets; the
 * {@code linux-x86_64} jar holds {@code libopenblas.so.0} built with {@code DYNAMIC_ARCH}, which
 * picks its kernels for the CPU it finds). autograd's {@code MatMul} finds this class through
 * {@link java.util.ServiceLoader} and prefers it to the system BLAS and EJML; nothing needs
 * installing beyond the Maven dependency. The first {@link #load()} unpacks the libraries into
 * JavaCPP's cache ({@code ~/.javacpp/cache}, or {@code -Dorg.bytedeco.javacpp.cachedir}).
 *
 * <p>JavaCPP passes a Java array to native code by copying it into fresh native memory and back,
 * which at n = 1024 costs a third of the product; so the operands are copied instead into
 * native buffers kept per thread (grown to the largest product seen), and only the result is
 * copied back (and C in, when beta ≠ 0 or C is a sub-matrix). That costs O(n²) against the
 * product's O(n³).
 *
 * <p>{@link #setThreads} sets the most threads a product may use; products under
 * {@link KernelChoice#PARALLEL_MIN_FLOPS} multiply-adds run on the calling thread alone, since
 * waking OpenBLAS's pool costs more there than a second core saves, and on a shared machine a
 * descheduled pool thread stalls the whole product. OpenBLAS's count is process-wide, so it is
 * switched only when the size class changes, through a cached function pointer (the binding's
 * {@code blas_set_num_threads} looks the symbols up on every call, about 0.7 ms). With several
 * Java threads multiplying at once a product may run with the other's count: slower or faster,
 * never wrong.
 */
public final class BundledOpenBlas implements MatMulProvider {
    /** The native operand buffers of one thread. */
    private static final class Scratch {
        DoublePointer da = new DoublePointer(0L), db = new DoublePointer(0L), dc = new DoublePointer(0L);
        FloatPointer fa = new FloatPointer(0L), fb = new FloatPointer(0L), fc = new FloatPointer(0L);
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** {@code openblas_set_num_threads}, looked up once by {@link #load()}. */
    private static SetNumThreads setNumThreads;
    /** The most threads a product may use (the library is one per process, so is this). */
    private static volatile int maxThreads;
    /** The count OpenBLAS was last set to. */
    private static volatile int current;

    /** Creates the provider; nothing native happens before {@link #load()}. */
    public BundledOpenBlas() {
    }

    @Override
    public String name() {
        return "bundled-openblas";
    }

    @Override
    public String load() {
        Loader.load(openblas_nolapack.class);
        synchronized (BundledOpenBlas.class) {
            if (setNumThreads == null) {
                Pointer address = Loader.addressof("openblas_set_num_threads");
                if (address == null || address.isNull()) {
                    throw new UnsatisfiedLinkError("BundledOpenBlas: openblas_set_num_threads not found in the bundled OpenBLAS");
                }
                // the protected constructor allocates the native holder that put() fills
                SetNumThreads f = new SetNumThreads() { };
                f.put(address);
                setNumThreads = f;
                // OpenBLAS's own default, unless an earlier instance already set a count
                setThreads(defaultThreads());
            }
        }
        return "OpenBLAS from org.bytedeco:openblas " + version() + " (" + Loader.getPlatform() + ")";
    }

    /** The {@code org.bytedeco:openblas} version, {@code <OpenBLAS>-<JavaCPP>}, from its jar. */
    static String version() {
        try (InputStream in = openblas_nolapack.class.getResourceAsStream("/META-INF/maven/org.bytedeco/openblas/pom.properties")) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                      double[] b, int ldb, double beta, double[] c, int ldc) {
        int la = extent("dgemm", "a", a.length, transA ? k : m, transA ? m : k, lda, m, n, k);
        int lb = extent("dgemm", "b", b.length, transB ? n : k, transB ? k : n, ldb, m, n, k);
        int lc = extent("dgemm", "c", c.length, m, n, ldc, m, n, k);
        useThreads((long) m * n * k);
        Scratch s = SCRATCH.get();
        s.da = fit(s.da, la).put(a, 0, la);
        s.db = fit(s.db, lb).put(b, 0, lb);
        s.dc = fit(s.dc, lc);
        if (beta != 0 || ldc != n) {
            // C's previous values are read (beta ≠ 0), or its padding between rows is copied back
            s.dc.put(c, 0, lc);
        }
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, op(transA), op(transB), m, n, k,
                alpha, s.da, lda, s.db, ldb, beta, s.dc, ldc);
        s.dc.get(c, 0, lc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                      float[] b, int ldb, float beta, float[] c, int ldc) {
        int la = extent("sgemm", "a", a.length, transA ? k : m, transA ? m : k, lda, m, n, k);
        int lb = extent("sgemm", "b", b.length, transB ? n : k, transB ? k : n, ldb, m, n, k);
        int lc = extent("sgemm", "c", c.length, m, n, ldc, m, n, k);
        useThreads((long) m * n * k);
        Scratch s = SCRATCH.get();
        s.fa = fit(s.fa, la).put(a, 0, la);
        s.fb = fit(s.fb, lb).put(b, 0, lb);
        s.fc = fit(s.fc, lc);
        if (beta != 0 || ldc != n) {
            // C's previous values are read (beta ≠ 0), or its padding between rows is copied back
            s.fc.put(c, 0, lc);
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, op(transA), op(transB), m, n, k,
                alpha, s.fa, lda, s.fb, ldb, beta, s.fc, ldc);
        s.fc.get(c, 0, lc);
    }

    @Override
    public void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BundledOpenBlas.setThreads: threads must be at least 1, got " + threads);
        }
        maxThreads = threads;
        set(threads);
    }

    @Override
    public int threads() {
        return maxThreads;
    }

    /** One thread under {@link KernelChoice#PARALLEL_MIN_FLOPS} multiply-adds, else the most. */
    private static void useThreads(long flops) {
        int want = flops < KernelChoice.PARALLEL_MIN_FLOPS ? 1 : maxThreads;
        if (want != current) {
            set(want);
        }
    }

    private static void set(int threads) {
        if (setNumThreads == null) {
            throw new IllegalStateException("BundledOpenBlas: load() must run before threads are set");
        }
        setNumThreads.call(threads);
        current = threads;
    }

    /** What OpenBLAS starts with: {@code OPENBLAS_NUM_THREADS}, else every core. */
    private static int defaultThreads() {
        try {
            String env = System.getenv("OPENBLAS_NUM_THREADS");
            if (env != null && Integer.parseInt(env.trim()) >= 1) {
                return Integer.parseInt(env.trim());
            }
        } catch (NumberFormatException e) {
            // not a number: OpenBLAS ignores it too
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private static int op(boolean trans) {
        return trans ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /**
     * The elements a rows×cols row-major operand with row length {@code ld} spans, checked
     * against its array: a wrong size here would read or write past native memory.
     */
    private static int extent(String op, String name, int length, int rows, int cols, int ld, int m, int n, int k) {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("BundledOpenBlas." + op + ": m, n, k must be at least 1, got "
                    + m + ", " + n + ", " + k);
        }
        long need = (long) (rows - 1) * ld + cols;
        if (ld < cols || need > length) {
            throw new IllegalArgumentException("BundledOpenBlas." + op + ": " + name + " is " + rows + "x" + cols
                    + " with row length " + ld + ", which needs " + (ld < cols ? "a row length of at least " + cols
                    : need + " elements but its array has " + length));
        }
        return (int) need;
    }

    private static DoublePointer fit(DoublePointer p, int size) {
        if (p.capacity() >= size) {
            return p;
        }
        p.close();
        return new DoublePointer(Math.max(size, p.capacity() * 3 / 2));
    }

    private static FloatPointer fit(FloatPointer p, int size) {
        if (p.capacity() >= size) {
            return p;
        }
        p.close();
        return new FloatPointer(Math.max(size, p.capacity() * 3 / 2));
    }
}
