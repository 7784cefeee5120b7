package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * eigh, svd, qr, pinv and matrixNorm: first- and second-order gradients against finite
 * differences over random well-conditioned inputs (batched or not; tall, square and wide),
 * with losses that do not depend on the sign chosen for an eigenvector or singular vector
 * (as PyTorch's gradcheck of these ops); forward identities; bad input.
 */
class DecompositionProperties {

    private static Tensor gaussian(Random rng, int... shape) {
        double[] d = new double[Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    private static Tensor constant(Random rng, int... shape) {
        return gaussian(rng, shape).detach();
    }

    private static int[] shape(boolean batched, int... matrix) {
        if (!batched) {
            return matrix;
        }
        int[] s = new int[matrix.length + 1];
        s[0] = 2;
        System.arraycopy(matrix, 0, s, 1, matrix.length);
        return s;
    }

    /**
     * A constant m×n matrix with 2k, 2k − 2, …, 2 on its leading diagonal: plus 0.3 times a
     * standard normal X, its singular values (and, symmetrized, its eigenvalues) stay apart
     * and away from zero.
     */
    private static Tensor spread(int m, int n) {
        int k = Math.min(m, n);
        double[] d = new double[m * n];
        for (int i = 0; i < k; i++) {
            d[i * n + i] = 2 * (k - i);
        }
        return Tensor.constant(d, m, n);
    }

    private static Tensor wellConditioned(Tensor x, int m, int n) {
        return spread(m, n).add(x.mul(0.3));
    }

    /** A symmetric matrix with a spread spectrum, from any square X. */
    private static Tensor symmetric(Tensor x, int n) {
        return spread(n, n).add(x.add(Linalg.mT(x)).mul(0.15));
    }

    private static void both(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradCheck.assertTensorGradients(f, inputs);
        GradCheck.assertTensorSecondOrder(f, inputs);
    }

    private static void close(Tensor expected, Tensor actual, String what) {
        TensorTesting.assertClose(expected.toArray(), actual.toArray(), 1e-10, what);
    }

    @Property(tries = 25)
    void eighGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, shape(batched, n, n));
        Tensor w = constant(rng, n), wv = constant(rng, n, n);
        both(v -> Linalg.eigh(symmetric(v.get(0), n)).eigenvalues().mul(w).sum(), x);
        // sign-invariant: squares of the eigenvector entries, and V diag(w) Vᵀ
        both(v -> Linalg.eigh(symmetric(v.get(0), n)).eigenvectors().pow(2).mul(wv).sum(), x);
        both(v -> {
            Linalg.Eigh e = Linalg.eigh(symmetric(v.get(0), n));
            Tensor vv = e.eigenvectors();
            return vv.mul(e.eigenvalues().pow(2).unsqueeze(-2)).matmul(Linalg.mT(vv)).mul(wv).sum();
        }, x);
        Linalg.Eigh e = Linalg.eigh(symmetric(x, n));
        Tensor vv = e.eigenvectors();
        close(symmetric(x, n), vv.mul(e.eigenvalues().unsqueeze(-2)).matmul(Linalg.mT(vv)), "V diag(L) Vᵀ");
        close(Tensor.eye(n).expand(vv.shape), Linalg.mT(vv).matmul(vv), "VᵀV");
        double[] l = e.eigenvalues().toArray();
        for (int i = 1; i < l.length; i++) {
            assertTrue(i % n == 0 || l[i - 1] <= l[i], "ascending " + Arrays.toString(l));
        }
    }

    @Property(tries = 25)
    void svdGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int m,
            @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        int k = Math.min(m, n);
        Tensor x = gaussian(rng, shape(batched, m, n));
        Tensor w = constant(rng, k), wu = constant(rng, m, k), wv = constant(rng, k, n), wa = constant(rng, m, n);
        both(v -> Linalg.svd(wellConditioned(v.get(0), m, n)).s().mul(w).sum(), x);
        both(v -> {
            Linalg.Svd s = Linalg.svd(wellConditioned(v.get(0), m, n));
            return s.u().pow(2).mul(wu).sum().add(s.vh().pow(2).mul(wv).sum());
        }, x);
        // U diag(w) Vh: each u_i v_iᵀ is sign-invariant
        both(v -> {
            Linalg.Svd s = Linalg.svd(wellConditioned(v.get(0), m, n));
            return s.u().mul(w.add(s.s()).unsqueeze(-2)).matmul(s.vh()).pow(2).mul(wa).sum();
        }, x);
        Linalg.Svd s = Linalg.svd(wellConditioned(x, m, n));
        close(wellConditioned(x, m, n), s.u().mul(s.s().unsqueeze(-2)).matmul(s.vh()), "U diag(S) Vh");
        close(Tensor.eye(k).expand(Decompositions.batchShape(x, k, k)), Linalg.mT(s.u()).matmul(s.u()), "UᵀU");
        close(Tensor.eye(k).expand(Decompositions.batchShape(x, k, k)), s.vh().matmul(Linalg.mT(s.vh())), "Vh Vhᵀ");
    }

    @Property(tries = 25)
    void qrGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int m,
            @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        int k = Math.min(m, n);
        Tensor x = gaussian(rng, shape(batched, m, n));
        Tensor wq = constant(rng, m, k), wr = constant(rng, k, n);
        both(v -> {
            Linalg.Qr qr = Linalg.qr(wellConditioned(v.get(0), m, n));
            return qr.q().mul(wq).sum().add(qr.r().pow(2).mul(wr).sum());
        }, x);
        both(v -> Linalg.qr(wellConditioned(v.get(0), m, n)).q().pow(3).mul(wq).sum(), x);
        Linalg.Qr qr = Linalg.qr(wellConditioned(x, m, n));
        close(wellConditioned(x, m, n), qr.q().matmul(qr.r()), "QR");
        close(Tensor.eye(k).expand(Decompositions.batchShape(x, k, k)), Linalg.mT(qr.q()).matmul(qr.q()), "QᵀQ");
        double[] r = qr.r().toArray();
        for (int i = 0; i < r.length; i++) {
            int row = (i / n) % k, col = i % n;
            assertTrue(col > row ? true : col < row ? r[i] == 0 : r[i] >= 0, "R triangular, diagonal >= 0");
        }
    }

    @Property(tries = 25)
    void pinvAndNormGradients(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int m,
            @ForAll @IntRange(min = 1, max = 4) int n, @ForAll boolean batched) {
        Random rng = new Random(seed);
        Tensor x = gaussian(rng, shape(batched, m, n));
        Tensor wp = constant(rng, n, m);
        both(v -> Linalg.pinv(wellConditioned(v.get(0), m, n)).mul(wp).sum(), x);
        both(v -> Linalg.pinv(wellConditioned(v.get(0), m, n)).pow(2).sum(), x);
        both(v -> Linalg.matrixNorm(v.get(0), "fro").sum(), x);
        both(v -> Linalg.matrixNorm(wellConditioned(v.get(0), m, n), "nuc").pow(2).sum(), x);
        // Penrose conditions: A P A = A and P A P = P
        Tensor a = wellConditioned(x, m, n), p = Linalg.pinv(a);
        close(a, a.matmul(p).matmul(a), "A P A");
        close(p, p.matmul(a).matmul(p), "P A P");
        Tensor s = Linalg.svd(a).s();
        close(s.sum(-1), Linalg.matrixNorm(a, "nuc"), "nuc = sum S");
        close(s.pow(2).sum(-1).sqrt(), Linalg.matrixNorm(a, "fro"), "fro = sqrt(sum S²)");
    }

    /** A random orthogonal n×n matrix (Q of a random matrix's QR), as a constant. */
    private static Tensor orthogonal(Random rng, int n) {
        return Linalg.qr(constant(rng, n, n).add(Tensor.eye(n).mul(0.1))).q().detach();
    }

    @Property(tries = 15)
    void basisInvariantLossesAtRepeatedValues(@ForAll long seed, @ForAll @IntRange(min = 3, max = 4) int n) {
        // A = Q diag(1, 1, 3, …) Qᵀ has a repeated eigenvalue in a random basis: the projector onto its
        // eigenspace is smooth there, so its gradient exists (finite differences split the pair by O(h))
        Random rng = new Random(seed);
        Tensor q = orthogonal(rng, n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i < 2 ? 1 : 2 * i;
        }
        Tensor x = q.mul(Tensor.constant(d, n).unsqueeze(-2)).matmul(Linalg.mT(q)).toLeaf();
        Tensor w = constant(rng, n, n);
        GradCheck.assertTensorGradients(v -> {
            Tensor vv = Linalg.eigh(v.get(0).add(Linalg.mT(v.get(0))).mul(0.5)).eigenvectors().narrow(-1, 0, 2);
            return vv.matmul(Linalg.mT(vv)).mul(w).sum();
        }, x);
        // the same singular value twice: U diag(c) Vh with c equal on the pair does not depend on the
        // rotation shared by the pair's left and right singular vectors (the rule sees both at once)
        Tensor p = orthogonal(rng, n);
        double[] sv = new double[n];
        for (int i = 0; i < n; i++) {
            sv[i] = i < 2 ? 2 * n : n - i;
        }
        Tensor a = q.mul(Tensor.constant(sv, n).unsqueeze(-2)).matmul(p).toLeaf();
        Tensor c = Tensor.constant(new double[] {1, 1, 2, 3}, 4).narrow(0, 0, n);
        GradCheck.assertTensorGradients(v -> {
            Linalg.Svd s = Linalg.svd(v.get(0));
            return s.u().mul(c.unsqueeze(-2)).matmul(s.vh()).mul(w).sum();
        }, a);
    }

    @Test
    void invariantLossesThroughRepeatedValues() {
        // A = diag(1, 1, 3): the eigenvectors of the repeated 1 are any basis of its plane, but the
        // projector onto the plane is smooth, so its gradient exists and finite differences agree
        Tensor x = Tensor.of(new double[] {0.5, 0, 0, 0, 0.5, 0, 0, 0, 1.5}, 3, 3);
        Tensor w = Tensor.constant(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        GradCheck.assertTensorGradients(v -> {
            Tensor vv = Linalg.eigh(v.get(0).add(Linalg.mT(v.get(0)))).eigenvectors().narrow(-1, 0, 2);
            return vv.matmul(Linalg.mT(vv)).mul(w).sum();
        }, x);
        GradCheck.assertTensorGradients(v -> Linalg.eigh(v.get(0).add(Linalg.mT(v.get(0)))).eigenvalues()
                .pow(2).sum(), x);
        // the nuclear norm of the identity: singular values all repeated, the loss uses S only
        Tensor eye = Tensor.eye(3).toLeaf();
        Linalg.matrixNorm(eye, "nuc").backward();
        close(Tensor.eye(3), eye.grad(), "d nuc(I)");
    }

    @Test
    void repeatedValuesTheLossDependsOnThrow() {
        Tensor a = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0, 0, 3, 0, 0, 0, 4}, 2, 3, 3);
        // a weighted sum of the entries of V depends on the basis of a repeated eigenspace
        Tensor w = Tensor.constant(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        Tensor loss = Linalg.eigh(a).eigenvectors().mul(w).sum();
        ArithmeticException e = assertThrows(ArithmeticException.class, loss::backward);
        assertTrue(e.getMessage().contains("eigh backward") && e.getMessage().contains("[2, 3, 3]")
                && e.getMessage().contains("matrix 0 of the batch") && e.getMessage().contains("repeated eigenvalues"),
                e.getMessage());
        Tensor b = Tensor.of(new double[] {2, 0, 0, 2, 0, 0}, 3, 2);
        ArithmeticException s = assertThrows(ArithmeticException.class,
                () -> Linalg.svd(b).u().mul(Tensor.constant(new double[] {0, 1, 0, 0, 0, 0}, 3, 2)).sum().backward());
        assertTrue(s.getMessage().contains("svd backward") && s.getMessage().contains("repeated singular values"),
                s.getMessage());
        Tensor c = Tensor.of(new double[] {1, 0, 0, 0, 0, 0}, 3, 2);
        ArithmeticException r = assertThrows(ArithmeticException.class,
                () -> Linalg.svd(c).u().mul(Tensor.constant(new double[] {0, 0, 0, 1, 0, 2}, 3, 2)).sum().backward());
        assertTrue(r.getMessage().contains("rank deficient"), r.getMessage());
        Tensor d = Tensor.of(new double[] {1, 1, 1, 1, 0, 0}, 3, 2);
        ArithmeticException q = assertThrows(ArithmeticException.class,
                () -> Linalg.qr(d).q().sum().backward());
        assertTrue(q.getMessage().contains("qr backward") && q.getMessage().contains("rank deficient"),
                q.getMessage());
        // the forward of a rank-deficient matrix is fine, and so is a loss of S alone
        assertDoesNotThrow(() -> Linalg.svd(c).s().sum().backward());
    }

    @Test
    void badInputNamesOpShapeAndMatrix() {
        IllegalArgumentException sq = assertThrows(IllegalArgumentException.class,
                () -> Linalg.eigh(Tensor.zeros(2, 3)));
        assertTrue(sq.getMessage().contains("eigh") && sq.getMessage().contains("[2, 3]"), sq.getMessage());
        Tensor ns = Tensor.of(new double[] {1, 0, 0, 1, 1, 2, 2.001, 1}, 2, 2, 2);
        IllegalArgumentException sym = assertThrows(IllegalArgumentException.class, () -> Linalg.eigh(ns));
        assertTrue(sym.getMessage().contains("not symmetric") && sym.getMessage().contains("matrix 1 of the batch")
                && sym.getMessage().contains("1.0E-10"), sym.getMessage());
        // within the tolerance the symmetric part is decomposed
        Tensor nearly = Tensor.of(new double[] {2, 1, 1 + 1e-12, 2}, 2, 2);
        assertEquals(1, Linalg.eigh(nearly).eigenvalues().get(0), 1e-11);
        IllegalArgumentException ord = assertThrows(IllegalArgumentException.class,
                () -> Linalg.matrixNorm(Tensor.eye(2), "spectral"));
        assertTrue(ord.getMessage().contains("matrixNorm") && ord.getMessage().contains("\"fro\" or \"nuc\""),
                ord.getMessage());
        for (Function<Tensor, Object> op : List.<Function<Tensor, Object>>of(Linalg::svd, Linalg::qr, Linalg::pinv,
                t -> Linalg.matrixNorm(t, "fro"))) {
            IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> op.apply(Tensor.zeros(3)));
            assertTrue(v.getMessage().contains("[3]") && v.getMessage().contains("[..., m, n]"), v.getMessage());
        }
        Tensor nan = Tensor.of(new double[] {1, Double.NaN, 0, 1}, 2, 2);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Linalg.svd(nan));
        assertTrue(e.getMessage().contains("svd") && e.getMessage().contains("non-finite"), e.getMessage());
        assertEquals(0, Linalg.matrixNorm(Tensor.zeros(2, 2), "fro").item());
        Tensor zero = Tensor.zeros(2, 2).toLeaf();
        Linalg.matrixNorm(zero, "fro").backward();
        close(Tensor.zeros(2, 2), zero.grad(), "d fro(0) = 0, as PyTorch");
    }

    @Property(tries = 60)
    void shapesAcceptedOrRefusedByName(@ForAll @IntRange(min = 0, max = 4) int rank, @ForAll long seed) {
        Random rng = new Random(seed);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = rng.nextInt(4);
        }
        if (rank >= 2 && rng.nextBoolean()) {
            shape[rank - 1] = shape[rank - 2];
        }
        Tensor x = gaussian(rng, shape);
        boolean matrices = rank >= 2 && shape[rank - 1] > 0 && shape[rank - 2] > 0;
        boolean square = matrices && shape[rank - 1] == shape[rank - 2];
        String named = Arrays.toString(shape);
        List<Map.Entry<String, Function<Tensor, Object>>> ops = List.of(
                Map.entry("eigh", t -> Linalg.eigh(square ? t.add(Linalg.mT(t)) : t)),
                Map.entry("svd", Linalg::svd), Map.entry("qr", Linalg::qr), Map.entry("pinv", Linalg::pinv),
                Map.entry("matrixNorm", t -> Linalg.matrixNorm(t, "nuc")));
        for (Map.Entry<String, Function<Tensor, Object>> op : ops) {
            boolean valid = op.getKey().equals("eigh") ? square : matrices;
            if (valid) {
                assertDoesNotThrow(() -> op.getValue().apply(x), op.getKey() + " " + named);
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.getValue().apply(x),
                        op.getKey() + " " + named);
                assertTrue(e.getMessage().startsWith(op.getKey() + ":") && e.getMessage().contains(named),
                        e.getMessage());
            }
        }
    }

    @Test
    void emptyBatchGivesEmptyFactors() {
        Tensor a = Tensor.zeros(0, 3, 2).toLeaf();
        Linalg.Svd s = Linalg.svd(a);
        assertArrayEquals(new int[] {0, 3, 2}, s.u().shape());
        assertArrayEquals(new int[] {0, 2}, s.s().shape());
        s.u().sum().add(s.s().sum()).add(Linalg.qr(a).r().sum()).add(Linalg.pinv(a).sum()).backward();
        assertArrayEquals(new int[] {0, 3, 2}, a.grad().shape());
        assertArrayEquals(new int[] {0, 3, 3}, Linalg.eigh(Tensor.zeros(0, 3, 3)).eigenvectors().shape());
    }

    @Test
    void pinvOfRankDeficientMatchesDefinition() {
        // rank 1: pinv(u vᵀ) = v uᵀ / (|u|² |v|²)
        Tensor a = Tensor.of(new double[] {1, 2, 2, 4, 3, 6}, 3, 2);
        Tensor expected = Tensor.of(new double[] {1, 2, 3, 2, 4, 6}, 2, 3).div(14 * 5);
        close(expected, Linalg.pinv(a), "pinv rank 1");
    }
}
