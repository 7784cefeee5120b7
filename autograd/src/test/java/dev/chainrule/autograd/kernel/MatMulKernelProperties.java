package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every matrix-product kernel that loads here equals EJML, the oracle, to 1e-12 relative on
 * random shapes (odd sizes, vectors, empty dimensions) in all three variants the forward and
 * backward passes use. "Relative" is per element, against the sum of |a_ik·b_kj| that bounds
 * the rounding error of any summation order, so cancellation cannot make the test flaky.
 */
class MatMulKernelProperties {
    private static final List<MatMulKernel> KERNELS = MatMul.available();
    private static final MatMulKernel ORACLE = new EjmlMatMul(false);

    @Property(tries = 60)
    void everyKernelEqualsEjml(@ForAll @IntRange(min = 0, max = 70) int m,
                               @ForAll @IntRange(min = 0, max = 70) int k,
                               @ForAll @IntRange(min = 0, max = 70) int n,
                               @ForAll long seed) {
        checkAll(m, k, n, seed);
    }

    @Test
    void largeOddShapesThatCrossBlockBoundaries() {
        // sizes past the BLAS block sizes and the small-product threshold, none a multiple of 8
        checkAll(257, 131, 199, 1);
        checkAll(1, 300, 259, 2);
        checkAll(203, 517, 1, 3);
    }

    @Test
    void automaticChoiceIsAvailableAndNamed() {
        MatMulKernel k = MatMul.kernel();
        assertNotNull(k.name());
        assertFalse(k.name().isBlank());
        assertTrue(MatMul.report().contains(k.name()), MatMul.report());
        assertEquals("ejml", KERNELS.get(0).name());
    }

    @Test
    void unknownKernelNameIsRejectedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatMul.choose("cublas"));
        assertTrue(e.getMessage().contains("netlib-vector") && e.getMessage().contains("cublas"), e.getMessage());
        assertEquals("ejml", MatMul.choose("ejml").name());
    }

    @Test
    void sizeDispatchSendsTinyProductsToTheSmallKernel() {
        MatMulKernel failing = new MatMulKernel() {
            public String name() { return "large"; }
            public void mult(double[] a, double[] b, double[] c, int m, int k, int n) { throw new AssertionError("large used"); }
            public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
            public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
            public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) { mult(a, b, c, m, k, n); }
        };
        SizeDispatch d = new SizeDispatch(ORACLE, failing);
        double[] c = new double[4];
        d.mult(new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, c, 2, 2, 2);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(c[0], c[1], c[2], c[3]));
        assertEquals("large", d.name());
        assertThrows(AssertionError.class, () -> d.mult(new double[16 * 16], new double[16 * 16], new double[16 * 16], 16, 16, 16));
    }

    private static void checkAll(int m, int k, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = gaussian(rng, m * k);
        double[] b = gaussian(rng, k * n);
        double[] bt = gaussian(rng, n * k);
        double[] at = gaussian(rng, k * m);
        double[] c0 = gaussian(rng, m * n);
        for (MatMulKernel kernel : KERNELS) {
            compareAdd(kernel, m, k, n, a, b, c0);
            compare(kernel, "mult", m, k, n, a, b, (kk, c) -> kk.mult(a, b, c, m, k, n),
                    (i, j, p) -> a[i * k + p] * b[p * n + j]);
            compare(kernel, "multTransA", m, k, n, at, b, (kk, c) -> kk.multTransA(at, b, c, m, k, n),
                    (i, j, p) -> at[p * m + i] * b[p * n + j]);
            compare(kernel, "multTransB", m, k, n, a, bt, (kk, c) -> kk.multTransB(a, bt, c, m, k, n),
                    (i, j, p) -> a[i * k + p] * bt[j * k + p]);
        }
    }

    private interface Call {
        void run(MatMulKernel kernel, double[] c);
    }

    private interface Term {
        double at(int i, int j, int p);
    }

    private static void compare(MatMulKernel kernel, String variant, int m, int k, int n, double[] x, double[] y,
                                Call call, Term term) {
        double[] expected = new double[m * n];
        call.run(ORACLE, expected);
        double[] actual = new double[m * n];
        java.util.Arrays.fill(actual, Double.NaN); // kernels must overwrite, not accumulate
        call.run(kernel, actual);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(term.at(i, j, p));
                }
                double e = expected[i * n + j], got = actual[i * n + j];
                if (!(Math.abs(e - got) <= 1e-12 * scale)) {
                    throw new AssertionError(kernel.name() + "." + variant + " " + m + "x" + k + "x" + n
                            + " at (" + i + "," + j + "): " + got + " but EJML gives " + e + " (scale " + scale + ")");
                }
            }
        }
    }

    /**
     * multAdd on the same preloaded c as EJML's {@code CommonOps_DDRM.multAdd}; the bound adds
     * |c0| to the product's scale since c0 is one more term of the sum.
     */
    private static void compareAdd(MatMulKernel kernel, int m, int k, int n, double[] a, double[] b, double[] c0) {
        double[] expected = c0.clone();
        ORACLE.multAdd(a, b, expected, m, k, n);
        double[] actual = c0.clone();
        kernel.multAdd(a, b, actual, m, k, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double scale = Math.abs(c0[i * n + j]), direct = c0[i * n + j];
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(a[i * k + p] * b[p * n + j]);
                    direct += a[i * k + p] * b[p * n + j];
                }
                double e = expected[i * n + j], got = actual[i * n + j];
                // EJML itself is checked against the direct sum so the oracle cannot drift into overwriting c
                if (!(Math.abs(e - direct) <= 1e-12 * scale) || !(Math.abs(e - got) <= 1e-12 * scale)) {
                    throw new AssertionError(kernel.name() + ".multAdd " + m + "x" + k + "x" + n + " at (" + i + ","
                            + j + "): " + got + " but EJML gives " + e + " and the direct sum " + direct
                            + " (scale " + scale + ")");
                }
            }
        }
    }

    private static double[] gaussian(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextDouble(-2, 2);
        }
        return v;
    }
}
