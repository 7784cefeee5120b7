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

import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.autograd.kernel.MatMulKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code x.linear(w, b)}, {@code x.linear(w)} and {@code x.linearRelu(w, b)}, PyTorch's
 * {@code F.linear} with the weight [out, in]: equal to {@code x.matmul(w.transpose(0, 1)).add(b)}
 * forward and backward, gradients and second derivatives against finite differences for x of
 * rank 1 to 3, the weight read transposed by the kernel (no copy), and errors that name the op
 * and the shapes.
 */
class LinearOpProperties {

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
    void linearEqualsMatmulByTheTransposePlusBias(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                                 @ForAll @IntRange(min = 1, max = 9) int in,
                                                 @ForAll @IntRange(min = 1, max = 9) int out) {
        assertSameAsComposition(new Random(seed), rank, in, out, true, "linear",
                v -> v.get(0).linear(v.get(1), v.get(2)), v -> v.get(0).matmul(v.get(1).transpose(0, 1)).add(v.get(2)));
    }

    @Property(tries = 40)
    void linearWithoutBiasEqualsMatmulByTheTranspose(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                                    @ForAll @IntRange(min = 1, max = 9) int in,
                                                    @ForAll @IntRange(min = 1, max = 9) int out) {
        assertSameAsComposition(new Random(seed), rank, in, out, false, "linear",
                v -> v.get(0).linear(v.get(1)), v -> v.get(0).matmul(v.get(1).transpose(0, 1)));
    }

    @Property(tries = 60)
    void linearReluEqualsLinearThenRelu(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int rank,
                                        @ForAll @IntRange(min = 1, max = 9) int in,
                                        @ForAll @IntRange(min = 1, max = 9) int out) {
        assertSameAsComposition(new Random(seed), rank, in, out, true, "linearRelu",
                v -> v.get(0).linearRelu(v.get(1), v.get(2)),
                v -> v.get(0).matmul(v.get(1).transpose(0, 1)).add(v.get(2)).relu());
    }

    /**
     * Runs {@code fused} and {@code plain} on equal random x [.., in], w [out, in] and (with
     * {@code bias}) b [out], and asserts equal values and gradients (fast and graph path) to 1e-12.
     */
    private static void assertSameAsComposition(Random rng, int rank, int in, int out, boolean bias, String op,
                                                Function<List<Tensor>, Tensor> fused,
                                                Function<List<Tensor>, Tensor> plain) {
        int[] xs = xShape(rng, rank, in);
        double[] xd = gaussian(rng, xs).toArray(), wd = gaussian(rng, out, in).toArray(), bd = gaussian(rng, out).toArray();
        List<Tensor> a = new ArrayList<>(List.of(Tensor.of(xd, xs), Tensor.of(wd, out, in)));
        List<Tensor> b = new ArrayList<>(List.of(Tensor.of(xd, xs), Tensor.of(wd, out, in)));
        if (bias) {
            a.add(Tensor.of(bd, out));
            b.add(Tensor.of(bd, out));
        }
        Tensor f = fused.apply(a), p = plain.apply(b);
        assertArrayEquals(p.shape(), f.shape());
        assertEquals(op, f.op());
        assertClose(p.toArray(), f.toArray(), 1e-12, "forward");
        Tensor r = gaussian(rng, p.shape());
        f.mul(r).sum().backward();
        p.mul(r).sum().backward();
        String[] names = {"dx", "dw", "db"};
        for (int i = 0; i < a.size(); i++) {
            assertClose(b.get(i).grad().toArray(), a.get(i).grad().toArray(), 1e-12, names[i]);
        }
        List<Tensor> gs = Autograd.grad(List.of(fused.apply(a).mul(r).sum()), a, null, true, false);
        for (int i = 0; i < a.size(); i++) {
            assertClose(b.get(i).grad().toArray(), gs.get(i).toArray(), 1e-12, names[i] + " (graph)");
        }
    }

    @Property(tries = 40)
    void gradientsAndSecondOrderAgreeWithFiniteDifferences(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 3) int rank,
                                                           @ForAll @IntRange(min = 1, max = 4) int in,
                                                           @ForAll @IntRange(min = 1, max = 4) int out) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, xShape(rng, rank, in)), w = gaussian(rng, out, in), b = gaussian(rng, out);
        GradCheck.assertTensorGradients(v -> v.get(0).linear(v.get(1), v.get(2)), x, w, b);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).linear(v.get(1), v.get(2)), x, w, b);
        assertSecondOrderOfSquare(v -> v.get(0).linear(v.get(1), v.get(2)), x, w, b);
        GradCheck.assertTensorGradients(v -> v.get(0).linear(v.get(1)), x, w);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).linear(v.get(1)), x, w);
        // fed into itself (square w), the rule's own products are differentiated
        Tensor sq = gaussian(rng, in, in), bs = gaussian(rng, in);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).linear(v.get(1), v.get(2)).tanh()
                .linear(v.get(1), v.get(2)), gaussian(rng, xShape(rng, rank, in)), sq, bs);
    }

    @Property(tries = 30)
    void linearReluGradientsAndSecondOrderAgreeWithFiniteDifferences(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 1, max = 3) int rank,
                                                                    @ForAll @IntRange(min = 1, max = 4) int in,
                                                                    @ForAll @IntRange(min = 1, max = 4) int out) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, xShape(rng, rank, in)), w = gaussian(rng, out, in), b = gaussian(rng, out);
        // pre-activations within 1e-3 of 0 would put relu's kink inside the finite-difference step
        double[] z = x.linear(w, b).toArray();
        Assume.that(Arrays.stream(z).allMatch(v -> Math.abs(v) > 1e-3));
        GradCheck.assertTensorGradients(v -> v.get(0).linearRelu(v.get(1), v.get(2)), x, w, b);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).linearRelu(v.get(1), v.get(2)), x, w, b);
    }

    @Test
    void linearReluPropagatesNanAsLinearThenRelu() {
        double[] xd = {Double.NaN, 1, -0.0, -0.0}, wd = {1, 3, 2, 4}, bd = {-0.0, -1};
        Tensor x = Tensor.of(xd, 2, 2), w = Tensor.of(wd, 2, 2), b = Tensor.of(bd, 2);
        Tensor x2 = Tensor.of(xd, 2, 2), w2 = Tensor.of(wd, 2, 2), b2 = Tensor.of(bd, 2);
        Tensor y = x.linearRelu(w, b), plain = x2.matmul(w2.transpose(0, 1)).add(b2).relu();
        assertArrayEquals(plain.toArray(), y.toArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 0, 0}, y.toArray());
        y.sum().backward();
        plain.sum().backward();
        assertArrayEquals(x2.grad().toArray(), x.grad().toArray(), "dx");
        assertArrayEquals(w2.grad().toArray(), w.grad().toArray(), "dw");
        assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), "db");
    }

    @Test
    void oneDimensionalInputGivesOneDimensionalOutput() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2);
        // w [out 3, in 2]: the transpose of affine's example, so the numbers are the same
        Tensor w = Tensor.of(new double[] {1, 3, 0, 2, -1, 1}, 3, 2);
        Tensor b = Tensor.of(new double[] {10, 20, 30}, 3);
        Tensor y = x.linear(w, b);
        assertArrayEquals(new int[] {3}, y.shape());
        assertArrayEquals(new double[] {17, 24, 31}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new double[] {0, 6}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, w.grad().toArray());
        assertArrayEquals(new double[] {1, 1, 1}, b.grad().toArray());
    }

    @Test
    void theWeightIsReadTransposedByTheKernelNotCopied() {
        List<String> calls = new ArrayList<>();
        MatMulKernel real = MatMul.kernel();
        MatMul.use(new Recording(real, calls));
        try {
            Random rng = new Random(5);
            Tensor x = gaussianLeaf(rng, 4, 3), w = gaussianLeaf(rng, 2, 3), b = gaussianLeaf(rng, 2);
            Tensor y = x.linearRelu(w, b);
            assertEquals(List.of("multTransBAdd"), calls);
            y.sum().backward();
            assertEquals(List.of("multTransBAdd", "mult", "multTransA"), calls);
            calls.clear();
            x.linear(w).sum().backward();
            assertEquals(List.of("multTransB", "mult", "multTransA"), calls);
        } finally {
            MatMul.use(real);
        }
    }

    @Test
    void inputsThatWantNoGradientGetNone() {
        Random rng = new Random(3);
        Tensor x = gaussian(rng, 4, 3), w = gaussianLeaf(rng, 2, 3), b = gaussian(rng, 2);
        x.linear(w, b).sum().backward();
        assertNull(x.grad());
        assertNull(b.grad());
        assertArrayEquals(new int[] {2, 3}, w.grad().shape());
    }

    @Test
    void badShapesAreRejectedNamingTheOpAndTheShapes() {
        Tensor w = Tensor.zeros(2, 3), b = Tensor.zeros(2);
        IllegalArgumentException relu = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(4, 5).linearRelu(w, b));
        assertTrue(relu.getMessage().startsWith("linearRelu: x [4, 5] @ wᵀ, w [2, 3] + b [2]"), relu.getMessage());
        assertTrue(relu.getMessage().contains("3 features (w [out, in])"), relu.getMessage());
        List<Runnable> bad = List.of(
                () -> Tensor.zeros(4, 5).linear(w, b),               // x does not end in 3 features
                () -> Tensor.zeros(4, 2).linear(w, b),               // [in, out] given where [out, in] is expected
                () -> Tensor.zeros(4, 3).linear(w, Tensor.zeros(3)), // bias of the wrong length
                () -> Tensor.zeros(4, 3).linear(Tensor.zeros(3), b), // w not a matrix
                () -> Tensor.zeros(4, 5).linear(w),
                () -> Tensor.scalar(1).linear(w, b));                // x without a feature axis
        for (Runnable r : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().startsWith("linear: x ["), e.getMessage());
            assertTrue(e.getMessage().contains("@ wᵀ, w ["), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Tensor.zeros(4, 3).linear(null, b));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Tensor.zeros(4, 3).linear(w, null));
        assertTrue(npe.getMessage().contains("x.linear(w)"), npe.getMessage());
    }

    /** Records which kernel product each call made. */
    private record Recording(MatMulKernel real, List<String> calls) implements MatMulKernel {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void mult(double[] a, double[] b, double[] c, int m, int k, int n) {
            calls.add("mult");
            real.mult(a, b, c, m, k, n);
        }

        @Override
        public void multAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
            calls.add("multAdd");
            real.multAdd(a, b, c, m, k, n);
        }

        @Override
        public void multTransBAdd(double[] a, double[] b, double[] c, int m, int k, int n) {
            calls.add("multTransBAdd");
            real.multTransBAdd(a, b, c, m, k, n);
        }

        @Override
        public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
            calls.add("multTransA");
            real.multTransA(a, b, c, m, k, n);
        }

        @Override
        public void multTransB(double[] a, double[] b, double[] c, int m, int k, int n) {
            calls.add("multTransB");
            real.multTransB(a, b, c, m, k, n);
        }
    }
}
