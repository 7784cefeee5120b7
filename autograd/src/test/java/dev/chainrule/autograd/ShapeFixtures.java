package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.Random;

/**
 * Test data and index arithmetic for the shape, indexing and matmul tests, written
 * independently of the code under test (plain loops over multi-indices).
 */
final class ShapeFixtures {
    private ShapeFixtures() {
    }

    /** A constant tensor of standard normal draws (GradCheck reads inputs for data and shape only). */
    static Tensor gaussian(Random rng, int... shape) {
        double[] d = new double[size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.constant(d, shape);
    }

    /** A random shape of rank in [minRank, maxRank] with dimensions in [1, maxDim]. */
    static int[] shape(Random rng, int minRank, int maxRank, int maxDim) {
        int[] s = new int[minRank + rng.nextInt(maxRank - minRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + rng.nextInt(maxDim);
        }
        return s;
    }

    /** A random permutation of 0..n-1. */
    static int[] permutation(Random rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code ax} written as a negative axis with probability 1/2. */
    static int maybeNegative(Random rng, int ax, int rank) {
        return rng.nextBoolean() ? ax - rank : ax;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (idx[d] < 0 || idx[d] >= shape[d]) {
                throw new AssertionError("index " + Arrays.toString(idx) + " outside " + Arrays.toString(shape));
            }
            flat = flat * shape[d] + idx[d];
        }
        return flat;
    }

    /** The element of {@code t} at a multi-index. */
    static double at(Tensor t, int... idx) {
        return t.toArray()[ravel(idx, t.shape())];
    }

    /**
     * NumPy {@code matmul} by loops, with the gradient of {@code sum(C * r)}: returns
     * {@code {C, dA, dB}} (C flattened in row-major order of the NumPy result shape).
     */
    static double[][] naiveMatmul(double[] a, int[] as, double[] b, int[] bs, double[] r) {
        int[] a2 = as.length == 1 ? new int[] {1, as[0]} : as;
        int[] b2 = bs.length == 1 ? new int[] {bs[0], 1} : bs;
        int m = a2[a2.length - 2], k = a2[a2.length - 1], n = b2[b2.length - 1];
        int[] batchA = Arrays.copyOf(a2, a2.length - 2), batchB = Arrays.copyOf(b2, b2.length - 2);
        int[] batch = broadcastBatch(batchA, batchB);
        int batches = size(batch);
        double[] c = new double[batches * m * n], da = new double[a.length], db = new double[b.length];
        for (int t = 0; t < batches; t++) {
            int[] bi = unravel(t, batch);
            int oa = ravel(alignIndex(bi, batchA), batchA) * m * k;
            int ob = ravel(alignIndex(bi, batchB), batchB) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int oc = (t * m + i) * n + j;
                    for (int l = 0; l < k; l++) {
                        int ia = oa + i * k + l, ib = ob + l * n + j;
                        c[oc] += a[ia] * b[ib];
                        if (r != null) {
                            da[ia] += r[oc] * b[ib];
                            db[ib] += r[oc] * a[ia];
                        }
                    }
                }
            }
        }
        return new double[][] {c, da, db};
    }

    /** The NumPy result shape of {@code a @ b}. */
    static int[] matmulShape(int[] as, int[] bs) {
        int[] a2 = as.length == 1 ? new int[] {1, as[0]} : as;
        int[] b2 = bs.length == 1 ? new int[] {bs[0], 1} : bs;
        int[] batch = broadcastBatch(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        int[] out = Arrays.copyOf(batch, batch.length + (as.length > 1 ? 1 : 0) + (bs.length > 1 ? 1 : 0));
        int at = batch.length;
        if (as.length > 1) {
            out[at++] = a2[a2.length - 2];
        }
        if (bs.length > 1) {
            out[at] = b2[b2.length - 1];
        }
        return out;
    }

    private static int[] broadcastBatch(int[] x, int[] y) {
        int n = Math.max(x.length, y.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int dx = i < n - x.length ? 1 : x[i - (n - x.length)];
            int dy = i < n - y.length ? 1 : y[i - (n - y.length)];
            out[i] = Math.max(dx, dy);
        }
        return out;
    }

    /** The index into a batch shape that broadcasts to the full batch index {@code full}. */
    private static int[] alignIndex(int[] full, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            idx[d] = shape[d] == 1 ? 0 : full[full.length - shape.length + d];
        }
        return idx;
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tol * (1 + Math.abs(expected[i]))) {
                throw new AssertionError(what + ": entry " + i + " is " + actual[i] + ", expected " + expected[i]
                        + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual));
            }
        }
    }
}
