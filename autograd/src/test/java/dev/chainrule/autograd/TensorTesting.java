package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Plain-loop references and assertions for tensor tests: independent of the kernels they check. */
final class TensorTesting {
    private TensorTesting() {
    }

    /** The element of {@code t} that broadcasting reads for output index {@code outIdx}. */
    static double at(Tensor t, int[] outIdx) {
        int[] s = t.shape();
        int flat = 0;
        for (int d = 0; d < s.length; d++) {
            int i = outIdx[outIdx.length - s.length + d];
            flat = flat * s[d] + (s[d] == 1 ? 0 : i);
        }
        return t.toArray()[flat];
    }

    /** {@code f(a, b)} over the broadcast shape, element by element with index arithmetic. */
    static double[] broadcastReference(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] out = Shapes.broadcast("reference", a.shape(), b.shape());
        double[] r = new double[Shapes.size(out)];
        for (int k = 0; k < r.length; k++) {
            int[] idx = Shapes.unravel(k, out);
            r[k] = f.applyAsDouble(at(a, idx), at(b, idx));
        }
        return r;
    }

    /** {@code f(x)} for every element. */
    static double[] mapReference(Tensor a, DoubleUnaryOperator f) {
        return Arrays.stream(a.toArray()).map(f).toArray();
    }

    /** Same shape and the same elements to {@code tol} (NaNs must match NaNs). */
    static void assertTensor(int[] shape, double[] expected, Tensor actual, double tol) {
        assertArrayEquals(shape, actual.shape(), () -> "shape of " + actual);
        double[] got = actual.toArray();
        assertEquals(expected.length, got.length, "element count");
        for (int i = 0; i < got.length; i++) {
            double e = expected[i], g = got[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, g, "element " + i + " of " + actual);
            } else {
                assertEquals(e, g, tol * Math.max(1, Math.abs(e)), "element " + i + " of " + actual);
            }
        }
    }

    /** The smallest |a - b| over the broadcast of a pair (how close it comes to a tie). */
    static double minGap(Tensor a, Tensor b) {
        double[] d = broadcastReference(a, b, (x, y) -> Math.abs(x - y));
        return Arrays.stream(d).min().orElse(Double.POSITIVE_INFINITY);
    }
}
