package dev.chainrule.autograd.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks matrix-product kernels against EJML, the oracle, to 1e-12 relative in the four
 * products the forward and backward passes use. "Relative" is per element, against the sum of
 * |a_ik·b_kj| that bounds the rounding error of any summation order, so cancellation cannot
 * make a test flaky. Shared with the native-blas module's tests (autograd's test-jar).
 */
public final class KernelOracle {
    private static final MatMulKernel ORACLE = new EjmlMatMul(false);

    private KernelOracle() {
    }

    /**
     * Checks mult, multAdd, multTransBAdd, multTransA and multTransB of every kernel on random m×k by k×n operands.
     *
     * @param kernels the kernels to check
     * @param m rows of the product
     * @param k the inner dimension
     * @param n columns of the product
     * @param seed the operands' random seed
     */
    public static void checkAll(List<MatMulKernel> kernels, int m, int k, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = gaussian(rng, m * k);
        double[] b = gaussian(rng, k * n);
        double[] bt = gaussian(rng, n * k);
        double[] at = gaussian(rng, k * m);
        double[] c0 = gaussian(rng, m * n);
        for (MatMulKernel kernel : kernels) {
            compareAdd(kernel, "multAdd", m, k, n, c0, (kk, c) -> kk.multAdd(a, b, c, m, k, n),
                    (i, j, p) -> a[i * k + p] * b[p * n + j]);
            compareAdd(kernel, "multTransBAdd", m, k, n, c0, (kk, c) -> kk.multTransBAdd(a, bt, c, m, k, n),
                    (i, j, p) -> a[i * k + p] * bt[j * k + p]);
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
     * An accumulating product (multAdd, multTransBAdd) on the same preloaded c as EJML's; the
     * bound adds |c0| to the product's scale since c0 is one more term of the sum.
     */
    private static void compareAdd(MatMulKernel kernel, String variant, int m, int k, int n, double[] c0, Call call,
                                   Term term) {
        double[] expected = c0.clone();
        call.run(ORACLE, expected);
        double[] actual = c0.clone();
        call.run(kernel, actual);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double scale = Math.abs(c0[i * n + j]), direct = c0[i * n + j];
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(term.at(i, j, p));
                    direct += term.at(i, j, p);
                }
                double e = expected[i * n + j], got = actual[i * n + j];
                // EJML itself is checked against the direct sum so the oracle cannot drift into overwriting c
                if (!(Math.abs(e - direct) <= 1e-12 * scale) || !(Math.abs(e - got) <= 1e-12 * scale)) {
                    throw new AssertionError(kernel.name() + "." + variant + " " + m + "x" + k + "x" + n + " at (" + i + ","
                            + j + "): " + got + " but EJML gives " + e + " and the direct sum " + direct
                            + " (scale " + scale + ")");
                }
            }
        }
    }

    /**
     * Uniform entries in [-2, 2).
     *
     * @param rng the generator
     * @param size how many
     * @return the entries
     */
    public static double[] gaussian(SplittableRandom rng, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextDouble(-2, 2);
        }
        return v;
    }
    /**
     * The kernel's float32 products against EJML's float64 product of the same float inputs,
     * within float32 rounding of a k-term dot product ({@code 2(k+2)·2⁻²⁴·Σ|aᵢ||bᵢ|}).
     */
    public static void checkFloat32(MatMulKernel kernel, int m, int k, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = floats(rng, m * k), b = floats(rng, k * n), c0 = floats(rng, m * n);
        double[] ad = Kernels.widen(a), bd = Kernels.widen(b);
        double[] absA = abs(ad), absB = abs(bd);
        for (String variant : List.of("mult", "multAdd", "multTransBAdd", "multTransA", "multTransB")) {
            boolean adds = variant.endsWith("Add");
            float[] c = adds ? c0.clone() : new float[m * n];
            double[] expected = adds ? Kernels.widen(c0) : new double[m * n];
            double[] scale = new double[m * n];
            switch (variant) {
                case "mult" -> {
                    kernel.mult(a, b, c, m, k, n);
                    ORACLE.mult(ad, bd, expected, m, k, n);
                    ORACLE.mult(absA, absB, scale, m, k, n);
                }
                case "multAdd" -> {
                    kernel.multAdd(a, b, c, m, k, n);
                    ORACLE.multAdd(ad, bd, expected, m, k, n);
                    ORACLE.mult(absA, absB, scale, m, k, n);
                }
                case "multTransBAdd" -> { // b read as n×k
                    kernel.multTransBAdd(a, b, c, m, k, n);
                    ORACLE.multTransBAdd(ad, bd, expected, m, k, n);
                    ORACLE.multTransB(absA, absB, scale, m, k, n);
                }
                case "multTransA" -> { // a read as k×m
                    kernel.multTransA(a, b, c, m, k, n);
                    ORACLE.multTransA(ad, bd, expected, m, k, n);
                    ORACLE.multTransA(absA, absB, scale, m, k, n);
                }
                default -> { // b read as n×k
                    kernel.multTransB(a, b, c, m, k, n);
                    ORACLE.multTransB(ad, bd, expected, m, k, n);
                    ORACLE.multTransB(absA, absB, scale, m, k, n);
                }
            }
            double eps = Math.ulp(1f) / 2;
            for (int i = 0; i < c.length; i++) {
                double bound = 2 * (k + 2) * eps * (scale[i] + Math.abs(expected[i])) + Float.MIN_NORMAL;
                double err = Math.abs(c[i] - expected[i]);
                assertTrue(err <= bound, () -> kernel.name() + " " + variant + " [" + m + "x" + k + "x" + n
                        + "] differs from EJML f64 by " + err + " > " + bound);
            }
        }
    }

    private static float[] floats(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static double[] abs(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.abs(x[i]);
        }
        return r;
    }
}
