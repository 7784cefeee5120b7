package dev.chainrule.examples.bench;

import dev.chainrule.autograd.kernel.MatMulProvider;
import java.util.ServiceLoader;
import java.util.SplittableRandom;

/**
 * dgemm and sgemm GFLOP/s of the bundled native BLAS ({@link MatMulProvider}) on n×n by n×n,
 * called from Java arrays as the graph calls it (the copies into native buffers included).
 * Prints the best of several timed batches after a warm-up, since a shared machine only ever
 * makes a run slower.
 *
 * <p>Usage: {@code GemmTiming [n] [threads] [batches]} (defaults 1024, 1 and 7).
 */
public final class GemmTiming {
    private GemmTiming() {
    }

    /**
     * Prints one line per precision.
     *
     * @param args optional size, thread count and number of timed batches
     * @throws Exception when no provider loads
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (n < 1 || threads < 1 || batches < 1) {
            throw new IllegalArgumentException("GemmTiming: n, threads and batches must be positive, got "
                    + n + ", " + threads + ", " + batches);
        }
        MatMulProvider blas = ServiceLoader.load(MatMulProvider.class).findFirst().orElseThrow(
                () -> new IllegalStateException("GemmTiming: no MatMulProvider on the class path (chainrule-native-blas)"));
        String description = blas.load();
        blas.setThreads(threads);
        SplittableRandom rng = new SplittableRandom(1234 + n);
        double[] a = MatmulBench.gaussian(rng, n * n), b = MatmulBench.gaussian(rng, n * n), c = new double[n * n];
        float[] fa = toFloat(a), fb = toFloat(b), fc = new float[n * n];
        Timing.Work d = () -> blas.dgemm(false, false, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
        Timing.Work s = () -> blas.sgemm(false, false, n, n, n, 1f, fa, n, fb, n, 0f, fc, n);
        System.out.printf("%s: %s, %d thread(s), n=%d, best of %d batches of >= 0.3 s%n", blas.name(), description,
                blas.threads(), n, batches);
        for (Object[] row : new Object[][] {{"dgemm", d}, {"sgemm", s}}) {
            Timing.Work w = (Timing.Work) row[1];
            Timing.timeBatch(w, 0.5);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < batches; r++) {
                best = Math.min(best, Timing.timeBatch(w, 0.3));
            }
            System.out.printf("  %s  %7.1f GFLOP/s  (%.2f ms)%n", row[0], 2.0 * n * n * n / best / 1e9, best * 1e3);
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
