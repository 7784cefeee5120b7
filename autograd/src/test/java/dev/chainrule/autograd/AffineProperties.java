package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.gaussianLeaf;
import static dev.chainrule.autograd.TensorTesting.assertClose;
import static dev.chainrule.autograd.TensorTesting.assertSecondOrderOfSquare;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code x.affine(w, b)}, the fused linear-layer op: equal to {@code x.matmul(w).add(b)}
 * forward and backward, gradients and second derivatives against finite differences, for x
 * of rank 1, 2 and 3, and errors that name the op and the three shapes.
 */
class AffineProperties {

    /** x's shape for rank 1..3 ending in {@code in}. */
    private static int[] xShape(Random rng, int rank, int in) {
        int[] s = new int[rank];
        for (int i = 0; i < rank - 1; i++) {
            s[i] = 1 + rng.nextInt(4);
        }
        s[rank - 1] = in;
        return s;
    }

    @Property(tries = 60)
    void equalsMatmulPlusBiasForwardAndBackward(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                               @ForAll @IntRange(min = 1, max = 9) int in,
                                               @ForAll @IntRange(min = 1, max = 9) int out) {
        assertSameAsComposition(new Random(seed), rank, in, out, "affine",
                v -> v.get(0).affine(v.get(1), v.get(2)), v -> v.get(0).matmul(v.get(1)).add(v.get(2)));
    }

    /**
     * Runs {@code fused} and {@code plain} on equal random x [.., in], w [in, out], b [out] and
     * asserts equal forward values and gradients (fast path and graph path) to 1e-12.
     */
    private static void assertSameAsComposition(Random rng, int rank, int in, int out, String op,
                                                        java.util.function.Function<List<Tensor>, Tensor> fused,
                                                        java.util.function.Function<List<Tensor>, Tensor> plain) {
        int[] xs = xShape(rng, rank, in);
        double[] xd = gaussian(rng, xs).toArray(), wd = gaussian(rng, in, out).toArray(), bd = gaussian(rng, out).toArray();
        List<Tensor> a = List.of(Tensor.of(xd, xs), Tensor.of(wd, in, out), Tensor.of(bd, out));
        List<Tensor> b = List.of(Tensor.of(xd, xs), Tensor.of(wd, in, out), Tensor.of(bd, out));
        Tensor f = fused.apply(a), p = plain.apply(b);
        assertArrayEquals(p.shape(), f.shape());
        assertEquals(op, f.op());
        assertClose(p.toArray(), f.toArray(), 1e-12, "forward");
        Tensor r = gaussian(rng, p.shape());
        f.mul(r).sum().backward();
        p.mul(r).sum().backward();
        String[] names = {"dx", "dw", "db"};
        for (int i = 0; i < 3; i++) {
            assertClose(b.get(i).grad().toArray(), a.get(i).grad().toArray(), 1e-12, names[i]);
        }
        // the differentiable (create-graph) form of the rule gives the same first derivatives
        List<Tensor> gs = Autograd.grad(List.of(fused.apply(a).mul(r).sum()), a, null, true, false);
        for (int i = 0; i < 3; i++) {
            assertClose(b.get(i).grad().toArray(), gs.get(i).toArray(), 1e-12, names[i] + " (graph)");
        }
    }

    @Property(tries = 40)
    void gradientsAndSecondOrderAgreeWithFiniteDifferences(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 3) int rank,
                                                           @ForAll @IntRange(min = 1, max = 4) int in,
                                                           @ForAll @IntRange(min = 1, max = 4) int out) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, xShape(rng, rank, in)), w = gaussian(rng, in, out), b = gaussian(rng, out);
        GradCheck.assertTensorGradients(v -> v.get(0).affine(v.get(1), v.get(2)), x, w, b);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).affine(v.get(1), v.get(2)), x, w, b);
        // affine is linear in each input: its square has non-zero mixed second derivatives
        assertSecondOrderOfSquare(v -> v.get(0).affine(v.get(1), v.get(2)), x, w, b);
        // and fed into itself (square w), the rule's own products are differentiated
        Tensor sq = gaussian(rng, in, in), bs = gaussian(rng, in);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).affine(v.get(1), v.get(2)).tanh()
                .affine(v.get(1), v.get(2)), gaussian(rng, xShape(rng, rank, in)), sq, bs);
    }

    @Property(tries = 60)
    void affineReluEqualsAffineThenReluForwardAndBackward(@ForAll long seed,
                                                         @ForAll @IntRange(min = 1, max = 3) int rank,
                                                         @ForAll @IntRange(min = 1, max = 9) int in,
                                                         @ForAll @IntRange(min = 1, max = 9) int out) {
        assertSameAsComposition(new Random(seed), rank, in, out, "affineRelu",
                v -> v.get(0).affineRelu(v.get(1), v.get(2)), v -> v.get(0).matmul(v.get(1)).add(v.get(2)).relu());
    }

    @Property(tries = 30)
    void affineReluGradientsAndSecondOrderAgreeWithFiniteDifferences(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 1, max = 3) int rank,
                                                                    @ForAll @IntRange(min = 1, max = 4) int in,
                                                                    @ForAll @IntRange(min = 1, max = 4) int out) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, xShape(rng, rank, in)), w = gaussian(rng, in, out), b = gaussian(rng, out);
        // pre-activations within 1e-3 of 0 would put relu's kink inside the finite-difference step
        double[] z = x.matmul(w).add(b).toArray();
        net.jqwik.api.Assume.that(Arrays.stream(z).allMatch(v -> Math.abs(v) > 1e-3));
        GradCheck.assertTensorGradients(v -> v.get(0).affineRelu(v.get(1), v.get(2)), x, w, b);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).affineRelu(v.get(1), v.get(2)), x, w, b);
        assertSecondOrderOfSquare(v -> v.get(0).affineRelu(v.get(1), v.get(2)), x, w, b);
    }

    @Test
    void affineReluKeepsNanAndMapsNegativeZeroToZeroAsRelu() {
        // PyTorch 1.13 on these numbers: y [[nan, nan], [0, 0]], dx [[3, 7], [0, 0]],
        // dw [[nan, nan], [1, 1]], db [1, 1] (relu's gradient passes at NaN)
        Tensor x = Tensor.of(new double[] {Double.NaN, 1, -0.0, -0.0}, 2, 2);
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {-0.0, -1}, 2);
        Tensor y = x.affineRelu(w, b);
        Tensor expected = Tensor.of(x.toArray(), 2, 2).matmul(Tensor.of(w.toArray(), 2, 2)).add(Tensor.of(b.toArray(), 2)).relu();
        assertArrayEquals(expected.toArray(), y.toArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 0, 0}, y.toArray());
        for (double v : y.toArray()) {
            if (!Double.isNaN(v)) {
                assertEquals(0, Double.doubleToRawLongBits(v) >>> 63, "no negative zero");
            }
        }
        y.sum().backward();
        assertArrayEquals(new double[] {3, 7, 0, 0}, x.grad().toArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 1, 1}, w.grad().toArray());
        assertArrayEquals(new double[] {1, 1}, b.grad().toArray(), "the NaN outputs pass their gradient");
    }

    @Test
    void oneDimensionalInputGivesOneDimensionalOutput() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        Tensor w = Tensor.of(new double[] {1, 0, -1, 3, 2, 1}, 2, 3);
        Tensor b = Tensor.of(new double[] {10, 20, 30}, 3);
        Tensor y = x.affine(w, b);
        assertArrayEquals(new int[] {3}, y.shape());
        assertArrayEquals(new double[] {17, 24, 31}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new double[] {0, 6}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2}, w.grad().toArray());
        assertArrayEquals(new double[] {1, 1, 1}, b.grad().toArray());
    }

    @Test
    void inputsThatWantNoGradientGetNone() {
        Random rng = new Random(3);
        Tensor x = gaussian(rng, 4, 3), w = gaussianLeaf(rng, 3, 2), b = gaussian(rng, 2);
        x.affine(w, b).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        assertArrayEquals(new int[] {3, 2}, w.grad().shape());
        try (GradMode.Scope scope = GradMode.disabled()) {
            Tensor y = x.affine(w, Tensor.of(new double[2], 2));
            assertTrue(y.isLeaf() && !y.requiresGrad, "no graph is recorded with grad mode off");
        }
    }

    @Test
    void badShapesAreRejectedNamingAffineAndTheShapes() {
        Tensor w = Tensor.zeros(3, 2), b = Tensor.zeros(2);
        IllegalArgumentException relu = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(4, 5).affineRelu(w, b));
        assertTrue(relu.getMessage().startsWith("affineRelu: x [4, 5] @ w [3, 2] + b [2]"), relu.getMessage());
        List<Runnable> bad = List.of(
                () -> Tensor.zeros(4, 5).affine(w, b),       // x does not end in 3 features
                () -> Tensor.zeros(4, 3).affine(w, Tensor.zeros(3)), // bias of the wrong length
                () -> Tensor.zeros(4, 3).affine(Tensor.zeros(3), b), // w not a matrix
                () -> Tensor.zeros(4, 3).affine(w, Tensor.zeros(1, 2)), // b not a vector
                () -> Tensor.scalar(1).affine(w, b));        // x without a feature axis
        for (Runnable r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().startsWith("affine: x ["), e.getMessage());
            assertTrue(e.getMessage().contains("w [") && e.getMessage().contains("+ b ["), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(4, 5).affine(w, b));
        assertTrue(e.getMessage().contains(Arrays.toString(new int[] {4, 5})) && e.getMessage().contains("3 features"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> Tensor.zeros(4, 3).affine(null, b));
        assertThrows(NullPointerException.class, () -> Tensor.zeros(4, 3).affine(w, null));
    }
}
