package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.testkit.TensorArbitraries.gaussianLeaf;
import static dev.chainrule.autograd.TensorTesting.assertClose;
import static dev.chainrule.autograd.TensorTesting.assertSecondOrderOfSquare;
import static dev.chainrule.autograd.TensorTesting.naiveMatmul;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.kernel.MatMul;
import dev.chainrule.autograd.kernel.MatMulKernel;
import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * matmul against a naive triple loop (forward and the gradient of {@code sum(C * R)}) for
 * every NumPy case: 1-D·1-D, 1-D×2-D, 2-D×1-D, 2-D×2-D, and batches with broadcast leading
 * dimensions; gradients of gradients against finite differences.
 */
class MatMulProperties {

    /** Operand shapes for one case: kind 0..3 are the 1-D/2-D cases, 4 is batched. */
    private static int[][] shapes(Random rng, int kind, int m, int k, int n) {
        switch (kind) {
            case 0:
                return new int[][] {{k}, {k}};
            case 1:
                return new int[][] {{k}, {k, n}};
            case 2:
                return new int[][] {{m, k}, {k}};
            case 3:
                return new int[][] {{m, k}, {k, n}};
            default:
                int[] batch = TensorArbitraries.shape(rng, 1, 2, 3);
                int[] ba = broadcastablePart(rng, batch), bb = broadcastablePart(rng, batch);
                boolean aVector = rng.nextInt(5) == 0, bVector = !aVector && rng.nextInt(5) == 0;
                return new int[][] {
                    aVector ? new int[] {k} : append(ba, m, k),
                    bVector ? new int[] {k} : append(bb, k, n)};
        }
    }

    /** A trailing part of {@code batch} with some dimensions set to 1: it broadcasts to a suffix of it. */
    private static int[] broadcastablePart(Random rng, int[] batch) {
        int keep = rng.nextInt(batch.length + 1);
        int[] s = Arrays.copyOfRange(batch, batch.length - keep, batch.length);
        for (int i = 0; i < s.length; i++) {
            if (rng.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    private static int[] append(int[] s, int x, int y) {
        int[] out = Arrays.copyOf(s, s.length + 2);
        out[s.length] = x;
        out[s.length + 1] = y;
        return out;
    }

    @Property(tries = 80)
    void forwardAndBackwardMatchTheTripleLoop(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int kind,
                                             @ForAll @IntRange(min = 1, max = 4) int m,
                                             @ForAll @IntRange(min = 1, max = 4) int k,
                                             @ForAll @IntRange(min = 1, max = 4) int n) {
        Random rng = new Random(seed);
        int[][] s = shapes(rng, Math.min(kind, 4), m, k, n);
        Tensor a = gaussianLeaf(rng, s[0]);
        Tensor b = gaussianLeaf(rng, s[1]);
        Tensor c = a.matmul(b);
        int[] outShape = ReferenceShapes.matmul(s[0], s[1]);
        assertArrayEquals(outShape, c.shape(), () -> Arrays.toString(s[0]) + " @ " + Arrays.toString(s[1]));
        Tensor r = gaussian(rng, outShape);
        double[][] expected = naiveMatmul(a.toArray(), s[0], b.toArray(), s[1], r.toArray());
        assertClose(expected[0], c.toArray(), 1e-12, "forward");
        c.mul(r).sum().backward();
        assertClose(expected[1], a.grad().toArray(), 1e-12, "dA");
        assertClose(expected[2], b.grad().toArray(), 1e-12, "dB");
    }

    @Property(tries = 40)
    void gradientsAndSecondOrderAgreeWithFiniteDifferences(@ForAll long seed,
                                                           @ForAll @IntRange(min = 0, max = 5) int kind,
                                                           @ForAll @IntRange(min = 1, max = 3) int m,
                                                           @ForAll @IntRange(min = 1, max = 3) int k,
                                                           @ForAll @IntRange(min = 1, max = 3) int n) {
        Random rng = new Random(seed);
        int[][] s = shapes(rng, Math.min(kind, 4), m, k, n);
        Tensor a = gaussian(rng, s[0]), b = gaussian(rng, s[1]);
        GradCheck.assertTensorGradients(v -> v.get(0).matmul(v.get(1)), a, b);
        GradCheck.assertTensorSecondOrder(v -> v.get(0).matmul(v.get(1)), a, b);
        // a product fed into itself: second derivatives through every rule of the transposed products
        if (s[0].length >= 2 && s[1].length >= 2) {
            assertSecondOrderOfSquare(v -> v.get(0).matmul(v.get(1)), a, b);
        }
    }

    @Property(tries = 30)
    void transposedPrimitivesAgreeWithExplicitTransposes(@ForAll long seed) {
        Random rng = new Random(seed);
        int[] batch = TensorArbitraries.shape(rng, 0, 2, 2);
        int m = 1 + rng.nextInt(3), k = 1 + rng.nextInt(3), n = 1 + rng.nextInt(3);
        Tensor at = gaussian(rng, append(batch, k, m)), b = gaussian(rng, append(batch, k, n));
        Tensor bt = gaussian(rng, append(batch, n, k)), a = gaussian(rng, append(batch, m, k));
        assertClose(at.transpose(-1, -2).matmul(b).toArray(), MatMulOps.matmulTransA(at, b).toArray(), 1e-12, "Aᵀ·B");
        assertClose(a.matmul(bt.transpose(-1, -2)).toArray(), MatMulOps.matmulTransB(a, bt).toArray(), 1e-12, "A·Bᵀ");
        assertSecondOrderOfSquare(v -> MatMulOps.matmulTransA(v.get(0), v.get(1)), at, b);
        assertSecondOrderOfSquare(v -> MatMulOps.matmulTransB(v.get(0), v.get(1)), a, bt);
    }

    @Test
    void dotOfVectorsIsZeroDimensional() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor y = Tensor.of(new double[] {4, -5, 6}, 3);
        Tensor d = x.matmul(y);
        assertEquals(0, d.dim());
        assertEquals(4 - 10 + 18, d.item());
        d.backward();
        assertArrayEquals(new double[] {4, -5, 6}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 2, 3}, y.grad().toArray());
    }

    @Test
    void largeProductsUseTheThreadedKernelAndStillMatch() {
        Random rng = new Random(7);
        int m = 70, k = 65, n = 72; // above the threaded threshold of 64³ multiply-adds
        Tensor a = gaussianLeaf(rng, m, k), b = gaussianLeaf(rng, k, n);
        Tensor r = gaussian(rng, m, n);
        double[][] expected = naiveMatmul(a.toArray(), a.shape(), b.toArray(), b.shape(), r.toArray());
        Tensor c = a.matmul(b);
        assertClose(expected[0], c.toArray(), 1e-10, "forward");
        c.mul(r).sum().backward();
        assertClose(expected[1], a.grad().toArray(), 1e-10, "dA");
        assertClose(expected[2], b.grad().toArray(), 1e-10, "dB");
    }

    @Test
    void everyProductGoesThroughTheKernelWithoutExplicitTransposes() {
        List<String> calls = new ArrayList<>();
        MatMulKernel real = MatMul.kernel();
        MatMul.use(new MatMulKernel() {
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
        });
        try {
            Random rng = new Random(3);
            Tensor a = gaussianLeaf(rng, 3, 4);
            Tensor b = gaussianLeaf(rng, 4, 2);
            Tensor c = a.matmul(b);
            assertEquals(List.of("mult"), calls);
            c.sum().backward();
            assertEquals(List.of("mult", "multTransB", "multTransA"), calls);
            // a stack of matrices times one weight matrix: one tall product each way, no batch loop
            calls.clear();
            Tensor x = gaussianLeaf(rng, 5, 3, 4);
            Tensor w = gaussianLeaf(rng, 4, 2);
            x.matmul(w).sum().backward();
            assertEquals(List.of("mult", "multTransB", "multTransA"), calls);
            // constant data times a weight: only the weight's gradient is computed
            calls.clear();
            Tensor data = gaussian(rng, 3, 4);
            Tensor r = gaussian(rng, 3, 2);
            data.matmul(w.zeroGrad()).mul(r).sum().backward();
            assertEquals(List.of("mult", "multTransA"), calls);
            double[][] expected = naiveMatmul(data.toArray(), data.shape(), w.toArray(), w.shape(), r.toArray());
            assertClose(expected[2], w.grad().toArray(), 1e-12, "dW");
        } finally {
            MatMul.use(real);
        }
    }
}
