package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Linalg's gradients (first and second order) against finite differences, forward identities, bad input. */
class LinalgProperties {

    /** A well-conditioned leaf: identity times 3 plus small noise, batch × n × n. */
    private static Tensor wellConditioned(Random rng, int[] batchAndN) {
        int n = batchAndN[batchAndN.length - 1];
        int[] shape = java.util.Arrays.copyOf(batchAndN, batchAndN.length + 1);
        shape[shape.length - 1] = n;
        double[] d = new double[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            int r = (i / n) % n, c = i % n;
            d[i] = (r == c ? 3 : 0) + 0.5 * rng.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    private static Tensor gaussian(Random rng, int... shape) {
        double[] d = new double[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    /** SPD from any square X: X Xᵀ + n I (symmetric by construction, so finite differences stay valid). */
    private static Tensor spd(Tensor x) {
        int n = x.shape[x.shape.length - 1];
        return x.matmul(Linalg.mT(x)).add(Tensor.eye(n).mul(n));
    }

    private static void close(Tensor expected, Tensor actual) {
        TensorTesting.assertClose(expected.toArray(), actual.toArray(), 1e-10, "value");
    }

    @Property(tries = 15)
    void solveAndInvGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor a = wellConditioned(rng, batched ? new int[] {2, n} : new int[] {n});
        Tensor b = gaussian(rng, batched ? new int[] {2, n, 2} : new int[] {n, 2});
        GradCheck.assertTensorGradients(v -> Linalg.solve(v.get(0), v.get(1)).pow(2).sum(), a, b);
        GradCheck.assertTensorSecondOrder(v -> Linalg.solve(v.get(0), v.get(1)).pow(2).sum(), a, b);
        GradCheck.assertTensorSecondOrder(v -> Linalg.inv(v.get(0)).pow(2).sum(), a);
        Tensor prod = a.matmul(Linalg.solve(a, b));
        close(b, prod);
    }

    @Property(tries = 15)
    void determinantGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor a = wellConditioned(rng, batched ? new int[] {2, n} : new int[] {n});
        GradCheck.assertTensorGradients(v -> Linalg.det(v.get(0)).sum(), a);
        GradCheck.assertTensorSecondOrder(v -> Linalg.det(v.get(0)).sum(), a);
        GradCheck.assertTensorSecondOrder(v -> Linalg.slogdet(v.get(0)).logAbsDet().sum(), a);
        GradCheck.assertTensorSecondOrder(v -> Linalg.logdet(spd(v.get(0))).sum(), a);
    }

    @Property(tries = 15)
    void diagonalAndTraceGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
                                   @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor a = gaussian(rng, batched ? new int[] {3, n, n} : new int[] {n, n});
        GradCheck.assertTensorGradients(v -> Linalg.diagonal(v.get(0)).pow(3).sum(), a);
        GradCheck.assertTensorSecondOrder(v -> Linalg.diagonal(v.get(0)).pow(3).sum(), a);
        GradCheck.assertTensorGradients(v -> Linalg.trace(v.get(0)).pow(2).sum(), a);
        GradCheck.assertTensorSecondOrder(v -> Linalg.trace(v.get(0)).pow(2).sum(), a);
    }

    /** Two equal rows: singular to working precision, so det takes its singular (SVD) gradient path. */
    @Property(tries = 15)
    void determinantGradientAtSingularMatrices(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int n,
                                                @ForAll boolean twoPairs) {
        Random rng = new Random(seed);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextGaussian();
        }
        System.arraycopy(m, 0, m, n, n); // row 1 = row 0: rank n - 1, cofactor matrix nonzero
        if (twoPairs && n == 4) {
            System.arraycopy(m, 2 * n, m, 3 * n, n); // rank n - 2: every cofactor is 0
        }
        Tensor a = Tensor.of(m, n, n);
        GradCheck.assertTensorGradients(v -> Linalg.det(v.get(0)).sum(), a);
        ArithmeticException second = assertThrows(ArithmeticException.class,
                () -> GradCheck.assertTensorSecondOrder(v -> Linalg.det(v.get(0)).sum(), a));
        assertTrue(second.getMessage().contains("det") && second.getMessage().contains("singular"), second.getMessage());
    }

    @Test
    void determinantGradientOfASingularMatrixIsItsCofactorMatrix() {
        Tensor a = Tensor.of(new double[] {1, 2, 2, 4}, 2, 2);
        Linalg.det(a).backward();
        assertArrayEquals(new double[] {4, -2, -2, 1}, a.grad().toArray(), 1e-12);
    }

    @Property(tries = 15)
    void choleskyGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, batched ? new int[] {2, n, n} : new int[] {n, n});
        Tensor b = gaussian(rng, batched ? new int[] {2, n, 2} : new int[] {n, 2});
        GradCheck.assertTensorGradients(v -> Linalg.cholesky(spd(v.get(0))).pow(2).sum(), x);
        GradCheck.assertTensorSecondOrder(v -> Linalg.cholesky(spd(v.get(0))).pow(3).sum(), x);
        GradCheck.assertTensorSecondOrder(
                v -> Linalg.choleskySolve(v.get(1), Linalg.cholesky(spd(v.get(0)))).pow(2).sum(), x, b);
        Tensor l = Linalg.cholesky(spd(x));
        close(spd(x), l.matmul(Linalg.mT(l)));
        close(Linalg.solve(spd(x), b), Linalg.choleskySolve(b, l));
    }

    @Property(tries = 15)
    void triangularGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean upper) {
        Random rng = new Random(seed);
        Tensor a = wellConditioned(rng, new int[] {n});
        Tensor b = gaussian(rng, n, 3);
        GradCheck.assertTensorGradients(v -> Linalg.solveTriangular(v.get(0), v.get(1), upper).pow(2).sum(), a, b);
        GradCheck.assertTensorSecondOrder(v -> Linalg.solveTriangular(v.get(0), v.get(1), upper).pow(2).sum(), a, b);
    }

    @Test
    void traceAndDeterminantValues() {
        Tensor a = Tensor.of(new double[] {2, 1, 1, 3}, 2, 2);
        assertEquals(5, Linalg.trace(a).item(), 1e-15);
        assertEquals(5, Linalg.det(a).item(), 1e-12);
        Tensor p = Tensor.of(new double[] {0, 1, 1, 0}, 2, 2);
        assertEquals(-1, Linalg.slogdet(p).sign().item());
        assertThrows(ArithmeticException.class, () -> Linalg.logdet(p));
    }

    @Test
    void badInputNamesOpShapeAndMatrix() {
        Tensor singular = Tensor.of(new double[] {1, 0, 0, 1, 1, 2, 2, 4}, 2, 2, 2);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Linalg.inv(singular));
        assertTrue(e.getMessage().contains("inv") && e.getMessage().contains("[2, 2, 2]")
                && e.getMessage().contains("matrix 1"), e.getMessage());
        IllegalArgumentException ns = assertThrows(IllegalArgumentException.class,
                () -> Linalg.cholesky(Tensor.of(new double[] {2, 1, 0, 2}, 2, 2)));
        assertTrue(ns.getMessage().contains("not symmetric"), ns.getMessage());
        ArithmeticException npd = assertThrows(ArithmeticException.class,
                () -> Linalg.cholesky(Tensor.of(new double[] {1, 2, 2, 1}, 2, 2)));
        assertTrue(npd.getMessage().contains("positive definite"), npd.getMessage());
        IllegalArgumentException sq = assertThrows(IllegalArgumentException.class,
                () -> Linalg.det(Tensor.zeros(2, 3)));
        assertTrue(sq.getMessage().contains("det") && sq.getMessage().contains("[2, 3]"), sq.getMessage());
    }
}
