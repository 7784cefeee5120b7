package dev.chainrule.autograd;

import static dev.chainrule.autograd.TensorTesting.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries.TensorPair;
import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The transforms over several inputs against central finite differences and against the
 * one-input forms; with createGraph, their results differentiate again.
 */
class MultiTransformsProperties {
    private static final double H = 1e-5;

    /** A smooth function of two broadcasting tensors with a tensor output. */
    static Tensor f(List<Tensor> v) {
        Tensor a = v.get(0), b = v.get(1);
        return a.mul(b).sin().add(a.exp().mul(0.5)).sub(b.mul(b).mul(a));
    }

    /** A scalar one, so Hessian blocks between the two inputs are not zero. */
    static Tensor g(List<Tensor> v) {
        return f(v).mul(f(v)).sum().add(v.get(0).sum().mul(v.get(1).sum()));
    }

    @Provide
    Arbitrary<TensorPair> pairs() {
        return TensorArbitraries.broadcastTensorPairs(-1.5, 1.5);
    }

    @Property(tries = 40)
    void jacobianBlocksMatchFiniteDifferencesAndTheOneInputForm(@ForAll("pairs") TensorPair p) {
        List<Tensor> xs = List.of(p.a(), p.b());
        List<Tensor> j = Autograd.jacobian(MultiTransformsProperties::f, xs);
        for (int k = 0; k < 2; k++) {
            assertClose(numericJacobian(MultiTransformsProperties::f, xs, k), j.get(k).toArray(), 1e-6, "block " + k);
            assertFalse(j.get(k).requiresGrad());
        }
        Tensor one = Autograd.jacobian(a -> f(List.of(a, p.b())), p.a());
        assertArrayEquals(one.shape(), j.get(0).shape());
        assertClose(one.toArray(), j.get(0).toArray(), 1e-12, "block 0 vs one-input jacobian");
        List<Tensor> graphs = Autograd.jacobian(MultiTransformsProperties::f, xs, true);
        for (int k = 0; k < 2; k++) {
            assertClose(j.get(k).toArray(), graphs.get(k).toArray(), 1e-12, "createGraph block " + k);
        }
    }

    @Property(tries = 30)
    void hessianBlocksMatchFiniteDifferencesOfTheGradientAndAreSymmetric(@ForAll("pairs") TensorPair p) {
        List<Tensor> xs = List.of(p.a(), p.b());
        List<List<Tensor>> h = Autograd.hessian(MultiTransformsProperties::g, xs);
        for (int i = 0; i < 2; i++) {
            int fi = i;
            Function<List<Tensor>, Tensor> gradI = v -> Autograd.vjp(MultiTransformsProperties::g, v, Tensor.scalar(1))
                    .get(fi);
            for (int k = 0; k < 2; k++) {
                Tensor block = h.get(i).get(k);
                int[] expected = concat(xs.get(i).shape(), xs.get(k).shape());
                assertArrayEquals(expected, block.shape());
                assertClose(numericJacobian(gradI, xs, k), block.toArray(), 1e-5, "block " + i + "," + k);
                assertClose(transpose(h.get(k).get(i), xs.get(k).size(), xs.get(i).size()), block.toArray(), 1e-10,
                        "symmetry " + i + "," + k);
            }
        }
        Tensor one = Autograd.hessian(b -> g(List.of(p.a(), b)), p.b());
        assertClose(one.toArray(), h.get(1).get(1).toArray(), 1e-10, "block 1,1 vs one-input hessian");
    }

    @Property(tries = 30)
    void vjpJvpAndHvpAreTheJacobianAndHessianBlocksContracted(@ForAll("pairs") TensorPair p, @ForAll long seed) {
        Random rng = new Random(seed);
        List<Tensor> xs = List.of(p.a(), p.b());
        List<Tensor> j = Autograd.jacobian(MultiTransformsProperties::f, xs);
        Tensor y = f(xs);
        Tensor u = TensorArbitraries.gaussian(rng, y.shape());
        List<Tensor> vs = List.of(TensorArbitraries.gaussian(rng, p.a().shape()), TensorArbitraries.gaussian(rng, p.b().shape()));
        List<Tensor> vjp = Autograd.vjp(MultiTransformsProperties::f, xs, u);
        double[] jv = new double[y.size()];
        for (int k = 0; k < 2; k++) {
            int n = xs.get(k).size();
            assertClose(rowTimes(u.toArray(), j.get(k).toArray(), y.size(), n), vjp.get(k).toArray(), 1e-10, "vjp " + k);
            double[] part = timesColumn(j.get(k).toArray(), y.size(), n, vs.get(k).toArray());
            for (int r = 0; r < jv.length; r++) {
                jv[r] += part[r];
            }
        }
        assertClose(jv, Autograd.jvp(MultiTransformsProperties::f, xs, vs).toArray(), 1e-10, "jvp");
        List<List<Tensor>> h = Autograd.hessian(MultiTransformsProperties::g, xs);
        List<Tensor> hvp = Autograd.hvp(MultiTransformsProperties::g, xs, vs);
        for (int i = 0; i < 2; i++) {
            double[] expected = new double[xs.get(i).size()];
            for (int k = 0; k < 2; k++) {
                double[] part = timesColumn(h.get(i).get(k).toArray(), expected.length, xs.get(k).size(), vs.get(k).toArray());
                for (int r = 0; r < expected.length; r++) {
                    expected[r] += part[r];
                }
            }
            assertClose(expected, hvp.get(i).toArray(), 1e-8, "hvp " + i);
            assertClose(hvp.get(i).toArray(), Autograd.hvp(MultiTransformsProperties::g, xs, vs, true).get(i).toArray(),
                    1e-12, "createGraph hvp " + i);
        }
        assertClose(jv, Autograd.jvp(MultiTransformsProperties::f, xs, vs, true).toArray(), 1e-10, "createGraph jvp");
    }

    @Property(tries = 30)
    void aCreateGraphVjpDifferentiatesAgainToFiniteDifferencesOfItself(@ForAll("pairs") TensorPair p, @ForAll long seed) {
        Random rng = new Random(seed);
        List<Tensor> xs = List.of(p.a(), p.b());
        Tensor u = TensorArbitraries.gaussian(rng, f(xs).shape());
        // d/dxs of sum(vjp_0 · w): a second derivative, through the graph the vjp returned
        Tensor w = TensorArbitraries.gaussian(rng, p.a().shape());
        Function<List<Tensor>, Tensor> s = v -> Autograd.vjp(MultiTransformsProperties::f, v, u, true).get(0).mul(w).sum();
        GradCheck.assertTensorGradients(s, p.a(), p.b());
    }

    @Test
    void thirdDerivativesComeFromTransformsOfTransforms() {
        // f(x, y) = sum(x³ · y): d³f/dx_i³ = 6 y_i, d³f/dx_i² dy_i = 6 x_i, every other third derivative of x alone 0
        Tensor x = Tensor.of(new double[] {1.5, -2}, 2), y = Tensor.of(new double[] {0.5, 3}, 2);
        Function<List<Tensor>, Tensor> f = v -> v.get(0).pow(3).mul(v.get(1)).sum();
        Tensor hxx = Autograd.hessian(f, List.of(x, y), true).get(0).get(0); // 6 x_i y_i on the diagonal
        assertTrue(hxx.requiresGrad());
        assertArrayEquals(new double[] {6 * 1.5 * 0.5, 0, 0, 6 * -2 * 3}, hxx.toArray(), 1e-12);
        List<Tensor> third = Autograd.grad(List.of(hxx), List.of(x, y), List.of(Tensor.eye(2)), false, false);
        assertArrayEquals(new double[] {6 * 0.5, 6 * 3}, third.get(0).toArray(), 1e-12);
        assertArrayEquals(new double[] {6 * 1.5, 6 * -2}, third.get(1).toArray(), 1e-12);
        // the same third derivative as a jacobian of a createGraph hessian: shape [2, 2, 2]
        Tensor t = Autograd.jacobian(a -> Autograd.hessian(b -> b.pow(4).sum(), a, true), Tensor.of(new double[] {1, 2}, 2));
        assertArrayEquals(new int[] {2, 2, 2}, t.shape());
        assertArrayEquals(new double[] {24, 0, 0, 0, 0, 0, 0, 48}, t.toArray(), 1e-10);
        // a jacobian of a createGraph jacobian is the Hessian
        Tensor z = Tensor.of(new double[] {0.3, -0.7, 1.1}, 3);
        Function<Tensor, Tensor> q = a -> a.sin().mul(a.sum());
        Tensor viaJacobians = Autograd.jacobian(a -> Autograd.jacobian(q, a, true), z);
        Tensor[] direct = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            int fi = i;
            direct[i] = Autograd.hessian(a -> q.apply(a).slice(0, fi, fi + 1).sum(), z);
        }
        assertClose(Tensor.stack(0, direct).toArray(), viaJacobians.toArray(), 1e-12, "jacobian of jacobian");
        // an hvp with createGraph is a graph of v too: d(hvp · w)/dv = H w
        Tensor v = Tensor.of(new double[] {1, -1, 2}, 3), wv = Tensor.constant(new double[] {0.5, 2, -1}, 3);
        Function<Tensor, Tensor> r = a -> a.exp().sum().mul(a.sum());
        Tensor hv = Autograd.hvp(r, z, v, true);
        Tensor dv = Autograd.grad(hv.mul(wv).sum(), List.of(v), false).get(0);
        assertClose(Autograd.hvp(r, z, wv).toArray(), dv.toArray(), 1e-12, "d(hvp)/dv");
    }

    @Test
    void withoutCreateGraphTheCallersTensorsAreUntouchedAndResultsAreConstants() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2), y = Tensor.of(new double[] {3}, 1);
        List<Tensor> h = Autograd.hvp(v -> v.get(0).mul(v.get(1)).pow(2).sum(), List.of(x, y),
                List.of(Tensor.ones(2), Tensor.ones(1)));
        assertFalse(h.get(0).requiresGrad());
        assertEquals(null, x.grad());
        try (var off = GradMode.disabled()) { // still works in a no-grad scope
            assertEquals(1, Autograd.jacobian(v -> v.get(0).sum(), List.of(x)).get(0).get(0), 0);
        }
        Tensor constant = Tensor.constant(new double[] {2}, 1);
        // a constant input is differentiated through a leaf copy; the result is just not a graph of it
        assertArrayEquals(new double[] {4}, Autograd.jacobian(v -> v.get(0).pow(2), List.of(constant), true).get(0).toArray());
    }

    @Provide
    Arbitrary<int[]> smallShapes() {
        return TensorArbitraries.shapes(0, 2, 3);
    }

    @Property(tries = 60)
    void aDirectionOfAnotherShapeIsRefusedNamingBothShapes(@ForAll("smallShapes") int[] x, @ForAll("smallShapes") int[] v,
                                                           @ForAll boolean second) {
        List<Tensor> xs = List.of(Tensor.ones(1), Tensor.of(new double[TensorTesting.size(x)], x));
        List<Tensor> vs = List.of(Tensor.ones(1), Tensor.ones(v));
        Function<List<Tensor>, Tensor> f = t -> t.get(0).sum().mul(t.get(1).sin().sum());
        if (java.util.Arrays.equals(x, v)) {
            if (second) {
                assertArrayEquals(x, Autograd.hvp(f, xs, vs).get(1).shape());
            } else {
                assertArrayEquals(new int[0], Autograd.jvp(f, xs, vs).shape());
            }
            return;
        }
        String op = second ? "Autograd.hvp" : "Autograd.jvp";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> { if (second) { Autograd.hvp(f, xs, vs); } else { Autograd.jvp(f, xs, vs); } });
        assertEquals(op + ": vs[1] has shape " + java.util.Arrays.toString(v) + " but xs[1] has shape "
                + java.util.Arrays.toString(x), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingTheTransformAndTheShapes() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Function<List<Tensor>, Tensor> f = v -> v.get(0).sum();
        assertEquals("Autograd.hvp: 1 directions vs for 2 inputs xs; give one per input, of its shape",
                assertThrows(IllegalArgumentException.class, () -> Autograd.hvp(f, List.of(x, x), List.of(x))).getMessage());
        assertEquals("Autograd.jvp: vs[0] has shape [3] but xs[0] has shape [2]",
                assertThrows(IllegalArgumentException.class, () -> Autograd.jvp(f, List.of(x), List.of(Tensor.zeros(3))))
                        .getMessage());
        assertEquals("Autograd.vjp: v has shape [2] but the output of f has shape []",
                assertThrows(IllegalArgumentException.class, () -> Autograd.vjp(f, List.of(x), Tensor.zeros(2))).getMessage());
        assertEquals("Autograd.hessian: f must return a single-element tensor but returned shape [2]",
                assertThrows(IllegalArgumentException.class, () -> Autograd.hessian(v -> v.get(0).exp(), List.of(x)))
                        .getMessage());
        assertEquals("Autograd.jacobian: xs is empty; give at least one input tensor",
                assertThrows(IllegalArgumentException.class, () -> Autograd.jacobian(f, List.of())).getMessage());
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(x);
        withNull.add(null);
        assertEquals("Autograd.jacobian: xs[1] is null",
                assertThrows(NullPointerException.class, () -> Autograd.jacobian(f, withNull)).getMessage());
        assertEquals("Autograd.jacobian: the function is null",
                assertThrows(NullPointerException.class, () -> Autograd.jacobian((Function<Tensor, Tensor>) null, x, true))
                        .getMessage());
    }

    // ---------------------------------------------------------------- references

    /** d f / d xs[k] by central differences, row-major over (output element, input element). */
    static double[] numericJacobian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int k) {
        List<Tensor> base = new ArrayList<>();
        for (Tensor x : xs) {
            base.add(Tensor.constant(x.toArray(), x.shape()));
        }
        int rows = f.apply(base).size(), n = xs.get(k).size();
        double[] out = new double[rows * n];
        for (int c = 0; c < n; c++) {
            double[] up = moved(f, base, k, c, H), down = moved(f, base, k, c, -H);
            for (int r = 0; r < rows; r++) {
                out[r * n + c] = (up[r] - down[r]) / (2 * H);
            }
        }
        return out;
    }

    private static double[] moved(Function<List<Tensor>, Tensor> f, List<Tensor> base, int k, int c, double h) {
        List<Tensor> p = new ArrayList<>(base);
        double[] d = base.get(k).toArray();
        d[c] += h;
        p.set(k, Tensor.constant(d, base.get(k).shape()));
        return f.apply(p).toArray();
    }

    private static double[] transpose(Tensor t, int rows, int cols) {
        double[] a = t.toArray(), out = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    private static double[] rowTimes(double[] u, double[] j, int rows, int cols) {
        double[] out = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c] += u[r] * j[r * cols + c];
            }
        }
        return out;
    }

    private static double[] timesColumn(double[] j, int rows, int cols, double[] v) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r] += j[r * cols + c] * v[c];
            }
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
