package dev.chainrule.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.kernel.KernelChoice;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider's raw dgemm and sgemm against a plain triple loop, on random shapes with every
 * transpose, row lengths longer than the rows (sub-matrices), alpha and beta; its thread control
 * and its checks of bad sizes.
 */
class BundledOpenBlasProperties {
    private static final BundledOpenBlas BLAS = new BundledOpenBlas();

    @BeforeAll
    static void load() {
        assertTrue(BLAS.load().contains("0.3.31"), BLAS::load);
    }

    @Property(tries = 80)
    void dgemmEqualsTheTripleLoop(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 40) int n,
                                  @ForAll @IntRange(min = 1, max = 40) int k, @ForAll boolean transA,
                                  @ForAll boolean transB, @ForAll @IntRange(min = 0, max = 3) int pad,
                                  @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Operands o = new Operands(rng, m, n, k, transA, transB, pad);
        double alpha = rng.nextDouble(-2, 2), beta = rng.nextInt(3) == 0 ? 0 : rng.nextDouble(-2, 2);
        double[] c = o.c.clone();
        BLAS.dgemm(transA, transB, m, n, k, alpha, o.a, o.lda, o.b, o.ldb, beta, c, o.ldc);
        double[] expected = o.c.clone();
        double[] scale = new double[expected.length];
        tripleLoop(o, alpha, beta, expected, scale);
        for (int i = 0; i < c.length; i++) {
            double tol = 1e-12 * (scale[i] + 1e-300);
            if (!(Math.abs(c[i] - expected[i]) <= tol)) {
                throw new AssertionError("dgemm " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                        + " pad=" + pad + " at " + i + ": " + c[i] + " but the loop gives " + expected[i]);
            }
        }
    }

    @Property(tries = 80)
    void sgemmEqualsTheTripleLoop(@ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 40) int n,
                                  @ForAll @IntRange(min = 1, max = 40) int k, @ForAll boolean transA,
                                  @ForAll boolean transB, @ForAll @IntRange(min = 0, max = 3) int pad,
                                  @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Operands o = new Operands(rng, m, n, k, transA, transB, pad);
        float alpha = (float) rng.nextDouble(-2, 2), beta = rng.nextInt(3) == 0 ? 0 : (float) rng.nextDouble(-2, 2);
        float[] a = toFloat(o.a), b = toFloat(o.b), c = toFloat(o.c);
        Operands exact = o.rounded(a, b, c);
        BLAS.sgemm(transA, transB, m, n, k, alpha, a, o.lda, b, o.ldb, beta, c, o.ldc);
        double[] expected = exact.c.clone();
        double[] scale = new double[expected.length];
        tripleLoop(exact, alpha, beta, expected, scale);
        for (int i = 0; i < c.length; i++) {
            // float32 rounding of each of the k + 1 terms and the sum: k·2⁻²⁴ relative, with room
            double tol = 4 * (k + 2) * 0x1p-24 * (scale[i] + 1e-30);
            if (!(Math.abs(c[i] - expected[i]) <= tol)) {
                throw new AssertionError("sgemm " + m + "x" + n + "x" + k + " transA=" + transA + " transB=" + transB
                        + " pad=" + pad + " at " + i + ": " + c[i] + " but the loop gives " + expected[i]);
            }
        }
    }

    @Test
    void aLargeProductThatCrossesTheBlockSizesAndGrowsTheBuffers() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int[] s : new int[][] {{3, 2, 5}, {301, 257, 199}, {1, 700, 3}}) {
            Operands o = new Operands(rng, s[0], s[1], s[2], false, true, 1);
            double[] c = o.c.clone();
            BLAS.dgemm(false, true, s[0], s[1], s[2], 1.0, o.a, o.lda, o.b, o.ldb, 0.0, c, o.ldc);
            double[] expected = o.c.clone();
            double[] scale = new double[expected.length];
            tripleLoop(o, 1.0, 0.0, expected, scale);
            for (int i = 0; i < c.length; i++) {
                assertTrue(Math.abs(c[i] - expected[i]) <= 1e-12 * scale[i] + 1e-300, () -> Arrays.toString(s));
            }
        }
    }

    @Test
    void threadCountIsSetOnTheLibrary() {
        int before = BLAS.threads();
        try {
            BLAS.setThreads(1);
            assertEquals(1, BLAS.threads());
            BLAS.setThreads(2);
            assertEquals(2, BLAS.threads());
        } finally {
            BLAS.setThreads(before);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BLAS.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void productsOnEitherSideOfTheParallelThresholdAlternateCorrectly() {
        // under KernelChoice.PARALLEL_MIN_FLOPS a product runs on one thread, above it on all:
        // switching the library's count between products must not change a result
        int before = BLAS.threads();
        SplittableRandom rng = new SplittableRandom(11);
        assertTrue(300L * 260 * 240 >= KernelChoice.PARALLEL_MIN_FLOPS && 200L * 64 * 300 < KernelChoice.PARALLEL_MIN_FLOPS,
                "the shapes below lie on both sides of the threshold");
        try {
            BLAS.setThreads(2);
            for (int round = 0; round < 3; round++) {
                for (int[] s : new int[][] {{20, 30, 10}, {300, 260, 240}, {9, 9, 9}, {200, 64, 300}}) {
                    Operands o = new Operands(rng, s[0], s[1], s[2], round == 1, round == 2, 0);
                    double[] c = o.c.clone();
                    BLAS.dgemm(round == 1, round == 2, s[0], s[1], s[2], 1.0, o.a, o.lda, o.b, o.ldb, 0.0, c, o.ldc);
                    double[] expected = o.c.clone();
                    double[] scale = new double[expected.length];
                    tripleLoop(o, 1.0, 0.0, expected, scale);
                    for (int i = 0; i < c.length; i++) {
                        assertTrue(Math.abs(c[i] - expected[i]) <= 1e-12 * scale[i] + 1e-300, () -> Arrays.toString(s));
                    }
                }
            }
        } finally {
            BLAS.setThreads(before);
        }
    }

    @Test
    void operandsTooShortForTheirShapeAreRefusedBeforeNativeCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BLAS.dgemm(false, false, 2, 2, 3, 1, new double[5], 3, new double[6], 2, 0, new double[4], 2));
        assertTrue(e.getMessage().contains("dgemm") && e.getMessage().contains("a is 2x3")
                && e.getMessage().contains("needs 6 elements but its array has 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BLAS.sgemm(false, false, 2, 2, 2, 1, new float[4], 1, new float[4], 2, 0, new float[4], 2));
        assertTrue(e.getMessage().contains("row length of at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BLAS.dgemm(false, false, 0, 2, 2, 1, new double[4], 2, new double[4], 2, 0, new double[4], 2));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    /** Row-major operands with row lengths {@code pad} longer than their rows. */
    private static final class Operands {
        final int m, n, k, lda, ldb, ldc;
        final boolean transA, transB;
        final double[] a, b, c;

        Operands(SplittableRandom rng, int m, int n, int k, boolean transA, boolean transB, int pad) {
            this(m, n, k, transA, transB, (transA ? m : k) + pad, (transB ? k : n) + pad, n + pad,
                    fill(rng, (transA ? k : m) * ((transA ? m : k) + pad)),
                    fill(rng, (transB ? n : k) * ((transB ? k : n) + pad)), fill(rng, m * (n + pad)));
        }

        Operands(int m, int n, int k, boolean transA, boolean transB, int lda, int ldb, int ldc,
                 double[] a, double[] b, double[] c) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
            this.lda = lda;
            this.ldb = ldb;
            this.ldc = ldc;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        double a(int i, int p) {
            return transA ? a[p * lda + i] : a[i * lda + p];
        }

        double b(int p, int j) {
            return transB ? b[j * ldb + p] : b[p * ldb + j];
        }

        /** The same operands with the float32-rounded values, as doubles. */
        Operands rounded(float[] fa, float[] fb, float[] fc) {
            return new Operands(m, n, k, transA, transB, lda, ldb, ldc, toDouble(fa), toDouble(fb), toDouble(fc));
        }
    }

    /** {@code c = alpha·op(a)·op(b) + beta·c} in the plain order, and each entry's |term| sum. */
    private static void tripleLoop(Operands o, double alpha, double beta, double[] c, double[] scale) {
        for (int i = 0; i < o.m; i++) {
            for (int j = 0; j < o.n; j++) {
                double s = 0, abs = 0;
                for (int p = 0; p < o.k; p++) {
                    double t = o.a(i, p) * o.b(p, j);
                    s += t;
                    abs += Math.abs(t);
                }
                int at = i * o.ldc + j;
                double old = beta == 0 ? 0 : beta * c[at];
                c[at] = alpha * s + old;
                scale[at] = Math.abs(alpha) * abs + Math.abs(old);
            }
        }
    }

    private static double[] fill(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextDouble(-2, 2);
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
