package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.gaussian;
import static dev.chainrule.autograd.TensorTesting.assertClose;
import static dev.chainrule.autograd.TensorTesting.at;
import static dev.chainrule.autograd.TensorTesting.naiveMatmul;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** jacobian, hessian, vjp, jvp and hvp of tensor functions against analytic answers. */
class TensorTransformsTest {

    /** {@code J·v} for J flattened to rows × cols, by the reference loop. */
    private static double[] matVec(double[] j, int rows, int cols, double[] v) {
        return naiveMatmul(j, new int[] {rows, cols}, v, new int[] {cols}, null)[0];
    }

    /** {@code vᵀ·J}, by the reference loop. */
    private static double[] vecMat(double[] v, double[] j, int rows, int cols) {
        return naiveMatmul(v, new int[] {rows}, j, new int[] {rows, cols}, null)[0];
    }

    @Property(tries = 30)
    void jacobianOfALinearMapIsItsMatrix(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
                                         @ForAll @IntRange(min = 1, max = 4) int cols) {
        Random rng = new Random(seed);
        Tensor w = gaussian(rng, rows, cols);
        Tensor x = gaussian(rng, cols);
        Tensor j = Autograd.jacobian(t -> w.matmul(t), x);
        assertArrayEquals(new int[] {rows, cols}, j.shape());
        assertClose(w.toArray(), j.toArray(), 1e-12, "jacobian of W·x");
        assertFalse(j.requiresGrad());
    }

    @Test
    void jacobianShapeIsOutputShapeThenInputShape() {
        Random rng = new Random(1);
        Tensor b = gaussian(rng, 3, 2);
        Tensor x = gaussian(rng, 2, 3);
        Tensor j = Autograd.jacobian(t -> t.matmul(b), x); // out [2, 2], x [2, 3]
        assertArrayEquals(new int[] {2, 2, 2, 3}, j.shape());
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 2; c++) {
                for (int p = 0; p < 2; p++) {
                    for (int q = 0; q < 3; q++) {
                        // d(X·B)[i][c] / dX[p][q] = δ(i, p) · B[q][c]
                        assertEquals(i == p ? at(b, q, c) : 0.0, at(j, i, c, p, q), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void jacobianOfAnElementwiseSquareIsDiagonal() {
        Tensor x = Tensor.constant(new double[] {1, -2, 3}, 3);
        Tensor j = Autograd.jacobian(t -> t.mul(t), x);
        assertClose(new double[] {2, 0, 0, 0, -4, 0, 0, 0, 6}, j.toArray(), 0, "diag(2x)");
    }

    @Property(tries = 30)
    void hessianOfAQuadraticFormIsASymmetrisedMatrix(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int n) {
        Random rng = new Random(seed);
        Tensor a = gaussian(rng, n, n);
        Tensor x = gaussian(rng, n);
        Tensor h = Autograd.hessian(t -> t.matmul(a.matmul(t)), x);
        assertArrayEquals(new int[] {n, n}, h.shape());
        double[] expected = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                expected[i * n + k] = at(a, i, k) + at(a, k, i);
            }
        }
        assertClose(expected, h.toArray(), 1e-12, "Hessian of xᵀAx");
    }

    @Test
    void hessianOfAMatrixArgumentHasDoubledShape() {
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor h = Autograd.hessian(t -> t.mul(t).mul(t).sum(), x); // Σ x³: H = diag(6x)
        assertArrayEquals(new int[] {2, 3, 2, 3}, h.shape());
        double[] d = h.toArray();
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 6; k++) {
                assertEquals(i == k ? 6 * (i + 1) : 0.0, d[i * 6 + k], 1e-12);
            }
        }
    }

    @Property(tries = 30)
    void vjpJvpAndHvpAgreeWithTheFullMatrices(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
                                              @ForAll @IntRange(min = 1, max = 4) int m) {
        Random rng = new Random(seed);
        Tensor w = gaussian(rng, m, n);
        Tensor x = gaussian(rng, n);
        // a non-linear map R^n -> R^m: (W·x) ⊙ (W·x) + W·(x ⊙ x)
        Function<Tensor, Tensor> f = t -> {
            Tensor wx = w.matmul(t);
            return wx.mul(wx).add(w.matmul(t.mul(t)));
        };
        Tensor j = Autograd.jacobian(f, x);
        Tensor v = gaussian(rng, n), u = gaussian(rng, m);
        assertClose(matVec(j.toArray(), m, n, v.toArray()), Autograd.jvp(f, x, v).toArray(), 1e-10, "jvp");
        assertClose(vecMat(u.toArray(), j.toArray(), m, n), Autograd.vjp(f, x, u).toArray(), 1e-10, "vjp");

        Function<Tensor, Tensor> scalar = t -> f.apply(t).sum();
        Tensor h = Autograd.hessian(scalar, x);
        assertClose(matVec(h.toArray(), n, n, v.toArray()), Autograd.hvp(scalar, x, v).toArray(), 1e-10, "hvp");
        // and H is the Jacobian of the gradient
        Tensor jg = Autograd.jacobian(t -> Autograd.grad(scalar.apply(t), java.util.List.of(t), true).get(0), x);
        assertClose(jg.toArray(), h.toArray(), 1e-10, "H vs jacobian of the gradient");
    }

    @Test
    void transformsLeaveTheArgumentsGraphAlone() {
        Tensor x = Tensor.of(new double[] {0.5, -1}, 2);
        Tensor h = Autograd.hessian(t -> t.mul(t).sum(), x);
        assertArrayEquals(new double[] {2, 0, 0, 2}, h.toArray());
        assertNull(x.grad());
        try (var off = GradMode.disabled()) {
            // d(x²/2)/dx = diag(x); works inside a no-grad scope
            assertClose(new double[] {0.5, 0, 0, -1}, Autograd.jacobian(t -> t.mul(t).mul(Tensor.scalar(0.5)), x)
                    .toArray(), 0, "jacobian under no-grad");
        }
    }

    @Test
    void constantAndIdentityFunctions() {
        Tensor x = Tensor.constant(new double[] {1, 2}, 2);
        Tensor c = Tensor.constant(new double[] {3, 4, 5}, 3);
        assertArrayEquals(new double[6], Autograd.jacobian(t -> c, x).toArray());
        assertArrayEquals(new int[] {3, 2}, Autograd.jacobian(t -> c, x).shape());
        assertArrayEquals(new double[] {1, 0, 0, 1}, Autograd.jacobian(t -> t, x).toArray());
        Tensor v = Tensor.constant(new double[] {7, 8}, 2);
        assertArrayEquals(new double[] {7, 8}, Autograd.jvp(t -> t, x, v).toArray());
        assertArrayEquals(new double[] {7, 8}, Autograd.vjp(t -> t, x, v).toArray());
        assertArrayEquals(new double[4], Autograd.hessian(t -> t.sum(), x).toArray(), "a linear function");
        assertArrayEquals(new double[2], Autograd.hvp(t -> t.sum(), x, v).toArray());
    }

    @Test
    void lambdasPickTheRightOverload() {
        // Value overloads and Tensor overloads side by side, called with plain lambdas
        double[][] hv = Autograd.hessian(v -> v.get(0).mul(v.get(1)), 1.0, 2.0);
        assertArrayEquals(new double[] {0, 1}, hv[0]);
        double[] hvpv = Autograd.hvp(v -> v.get(0).mul(v.get(0)), new double[] {3}, new double[] {1});
        assertArrayEquals(new double[] {2}, hvpv);
        Tensor x = Tensor.constant(new double[] {3}, 1);
        assertArrayEquals(new double[] {2}, Autograd.hessian(t -> t.mul(t).sum(), x).toArray());
        assertArrayEquals(new double[] {2}, Autograd.hvp(t -> t.mul(t).sum(), x, Tensor.ones(1)).toArray());
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor x = Tensor.constant(new double[] {1, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.hessian(t -> t.mul(t), x));
        assertTrue(e.getMessage().contains("Autograd.hessian") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autograd.vjp(t -> t.sum(), x, Tensor.ones(2)));
        assertTrue(e.getMessage().contains("Autograd.vjp: v has shape [2] but the output of f has shape []"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autograd.jvp(t -> t, x, Tensor.ones(3)));
        assertTrue(e.getMessage().contains("Autograd.jvp: v has shape [3] but x has shape [2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Autograd.hvp(t -> t.sum(), x, Tensor.ones(1)));
        assertTrue(e.getMessage().contains("Autograd.hvp"), e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Autograd.jacobian(t -> null, x));
        assertTrue(npe.getMessage().contains("Autograd.jacobian"), npe.getMessage());
    }
}
