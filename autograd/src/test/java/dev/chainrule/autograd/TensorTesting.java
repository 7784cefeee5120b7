package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.GradientAssertions;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Plain-loop references and assertions for tensor tests, written independently of the code
 * they check: multi-index arithmetic, broadcasting reads, a naive matmul, element-by-element
 * comparisons, and the first- plus second-order gradient check the op properties share.
 * Result shapes by NumPy's rules are in {@link ReferenceShapes}; random data in
 * {@link dev.chainrule.testkit.TensorArbitraries}.
 */
final class TensorTesting {
    private TensorTesting() {
    }

    // ---------------------------------------------------------------- index arithmetic

    /** Number of elements (test shapes are small; a huge one fails loudly). */
    static int size(int[] shape) {
        return Math.toIntExact(ReferenceShapes.count(shape));
    }

    /** The multi-index of row-major position {@code flat}. */
    static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** The row-major position of a multi-index, which must lie inside {@code shape}. */
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

    /**
     * The row-major position in {@code shape} that broadcasting reads for index {@code outIdx}
     * of a result of equal or higher rank: trailing axes aligned, length-1 axes read at 0.
     */
    static int broadcastIndex(int[] outIdx, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            idx[d] = shape[d] == 1 ? 0 : outIdx[outIdx.length - shape.length + d];
        }
        return ravel(idx, shape);
    }

    /**
     * The element of {@code t} at a multi-index of its own shape, or, for a longer index of a
     * result it broadcasts to, the element broadcasting reads there.
     */
    static double at(Tensor t, int... idx) {
        return t.toArray()[broadcastIndex(idx, t.shape())];
    }

    // ---------------------------------------------------------------- references

    /** {@code f(a, b)} over the broadcast shape, element by element with index arithmetic. */
    static double[] broadcastReference(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] out = ReferenceShapes.broadcast(a.shape(), b.shape());
        double[] r = new double[size(out)];
        for (int k = 0; k < r.length; k++) {
            int[] idx = unravel(k, out);
            r[k] = f.applyAsDouble(at(a, idx), at(b, idx));
        }
        return r;
    }

    /** {@code f(x)} for every element. */
    static double[] mapReference(Tensor a, DoubleUnaryOperator f) {
        return Arrays.stream(a.toArray()).map(f).toArray();
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
        int[] batch = ReferenceShapes.broadcast(batchA, batchB);
        int batches = size(batch);
        double[] c = new double[batches * m * n], da = new double[a.length], db = new double[b.length];
        for (int t = 0; t < batches; t++) {
            int[] bi = unravel(t, batch);
            int oa = broadcastIndex(bi, batchA) * m * k;
            int ob = broadcastIndex(bi, batchB) * k * n;
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

    // ---------------------------------------------------------------- assertions

    /**
     * Equal lengths and each entry within {@code tol · max(1, |expected|)}; NaN and infinite
     * entries must match exactly. The failure shows both arrays.
     */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            boolean same = Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
                    || Double.isFinite(e) && Math.abs(e - a) <= tol * Math.max(1, Math.abs(e));
            if (!same) {
                throw new AssertionError(what + ": entry " + i + " is " + a + ", expected " + e
                        + "\nexpected " + Arrays.toString(expected) + "\nactual   " + Arrays.toString(actual));
            }
        }
    }

    /** Same shape and the same elements to {@code tol}, as {@link #assertClose}. */
    static void assertTensor(int[] shape, double[] expected, Tensor actual, double tol) {
        assertArrayEquals(shape, actual.shape(), () -> "shape of " + actual);
        assertClose(expected, actual.toArray(), tol, "elements of " + actual);
    }

    /**
     * Every element of {@code y} is exactly {@code expected} at its multi-index (for ops that
     * only move numbers: an oracle says where each one comes from).
     */
    static void assertEachElement(Tensor y, ToDoubleFunction<int[]> expected) {
        double[] d = y.toArray();
        for (int k = 0; k < d.length; k++) {
            int[] idx = unravel(k, y.shape());
            assertEquals(expected.applyAsDouble(idx), d[k], () -> "element " + Arrays.toString(idx) + " of " + y);
        }
    }

    /** The smallest |a - b| over the broadcast of a pair (how close it comes to a tie). */
    static double minGap(Tensor a, Tensor b) {
        double[] d = broadcastReference(a, b, (x, y) -> Math.abs(x - y));
        return Arrays.stream(d).min().orElse(Double.POSITIVE_INFINITY);
    }

    // ---------------------------------------------------------------- gradient checks

    /** The testkit's first- plus second-order check (second order through {@code f(x) * f(x)}). */
    static void checkGradientsOfAll(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradientAssertions.assertTensorGradients(f, inputs);
    }

    /** {@link #checkGradientsOfAll} for a one-input op. */
    static void checkGradients(UnaryOperator<Tensor> op, Tensor x) {
        GradientAssertions.assertUnaryOp(op, x);
    }

    /** The testkit's second-order check of {@code f(x) * f(x)}. */
    static void assertSecondOrderOfSquare(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradientAssertions.assertSecondOrderOfSquare(f, inputs);
    }
}
