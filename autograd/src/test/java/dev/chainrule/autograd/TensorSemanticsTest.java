package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tensors on the shared graph: accumulation, release, hooks, retainGrad, no-grad, anomaly, errors. */
class TensorSemanticsTest {

    @Test
    void leafGradientsAccumulateAndAreOwnedCopies() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor y = a.mul(a).sum();
        y.backward(Tensor.scalar(1), true);
        assertArrayEquals(new double[] {2, 4, 6}, a.grad().toArray(), 1e-12);
        y.backward(Tensor.scalar(1));
        assertArrayEquals(new double[] {4, 8, 12}, a.grad().toArray(), 1e-12);
        a.zeroGrad();
        assertNull(a.grad());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void broadcastingGradientsAreSummedBackToEachShape() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {10, 20, 30}, 3);
        Tensor c = Tensor.of(new double[] {7, 8}, 2, 1);
        a.mul(b).add(c).sum().backward();
        assertArrayEquals(new double[] {10, 20, 30, 10, 20, 30}, a.grad().toArray(), 1e-12);
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().toArray(), 1e-12);
        assertArrayEquals(new int[] {2, 1}, c.grad().shape());
        assertArrayEquals(new double[] {3, 3}, c.grad().toArray(), 1e-12);
    }

    @Test
    void hooksSeeAndMayReplaceTheGradientAndRetainGradKeepsInteriorOnes() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2);
        Tensor h = a.mul(a).retainGrad();
        double[][] seen = new double[1][];
        h.registerHook(g -> {
            seen[0] = g.toArray();
            return g.mul(Tensor.scalar(10));
        });
        h.sum().backward();
        assertArrayEquals(new double[] {1, 1}, seen[0], 1e-12);
        assertArrayEquals(new double[] {10, 10}, h.grad().toArray(), 1e-12);
        assertArrayEquals(new double[] {20, 40}, a.grad().toArray(), 1e-12);
        Tensor plain = a.mul(a);
        plain.sum().backward();
        assertNull(plain.grad(), "interior gradients are not kept without retainGrad()");
    }

    @Test
    void noGradAndDetachGiveConstants() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2);
        try (var off = GradMode.disabled()) {
            assertFalse(a.mul(a).requiresGrad());
        }
        assertFalse(a.detach().requiresGrad());
        assertTrue(a.requiresGrad());
        Tensor c = Tensor.constant(new double[] {1}, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.mul(c).sum().backward());
        assertTrue(e.getMessage().contains("Tensor.of"), e.getMessage());
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[6], 2, 3).add(Tensor.of(new double[4], 4)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4]"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2, 2).item());
        assertTrue(s.getMessage().contains("item"), s.getMessage());
        s = assertThrows(IllegalStateException.class, () -> Tensor.of(new double[4], 2, 2).mul(Tensor.scalar(2)).backward());
        assertTrue(s.getMessage().contains("seed"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[4], 4).mul(Tensor.scalar(2)).backward(Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("seed shape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1, 2));
    }

    @Test
    void anomalyModeCoversTensors() {
        Tensor a = Tensor.of(new double[] {1, Double.POSITIVE_INFINITY}, 2);
        try (var scope = Anomaly.detect()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> a.mul(Tensor.scalar(0)));
            assertTrue(e.getMessage().contains("mul"), e.getMessage());
        }
    }

    @Test
    void tensorGradOfGradMatchesAnalytic() {
        // f(a) = sum(a * a * a): grad 3a², second derivative along v: 6 a v
        Tensor a = Tensor.of(new double[] {0.5, -1, 2}, 3);
        Tensor f = a.mul(a).mul(a).sum();
        Tensor g = Autograd.grad(List.of(f), List.of(a), null, true, true).get(0);
        assertArrayEquals(new double[] {0.75, 3, 12}, g.toArray(), 1e-12);
        Tensor v = Tensor.constant(new double[] {1, 2, 3}, 3);
        Tensor hv = Autograd.grad(List.of(g.mul(v).sum()), List.of(a), null, false, false).get(0);
        assertArrayEquals(new double[] {3, -12, 36}, hv.toArray(), 1e-12);
        Tensor unused = Tensor.of(new double[] {1}, 1);
        Tensor z = Autograd.grad(List.of(a.mul(a).sum()), List.of(unused), null, false, false).get(0);
        assertArrayEquals(new double[] {0}, z.toArray());
    }

    @Test
    void randomFactoriesAreSeeded() {
        Tensor x = Tensor.randn(new SplittableRandom(7), 3, 4);
        Tensor y = Tensor.randn(new SplittableRandom(7), 3, 4);
        assertArrayEquals(x.toArray(), y.toArray());
        assertEquals(12, x.size());
        assertTrue(x.requiresGrad());
    }

    @Test
    void hooksAlsoRunInTheGraphPath() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2);
        Tensor h = a.mul(a);
        h.registerHook(g -> g.mul(Tensor.scalar(10)));
        a.registerHook(g -> g.add(Tensor.scalar(1)));
        Tensor g = Autograd.grad(List.of(h.sum()), List.of(a), null, false, false).get(0);
        assertArrayEquals(new double[] {21, 41}, g.toArray(), 1e-12);
    }

    @Test
    void maxAndMinWithANumberAreElementwiseAndAnIntLiteralIsAnAxis() {
        Tensor a = Tensor.of(new double[] {-1, 2, 0.5, 3}, 2, 2);
        assertArrayEquals(new double[] {0.5, 2, 0.5, 3}, a.maximum(0.5).toArray());
        assertArrayEquals(new double[] {-1, 1, 0.5, 1}, a.minimum(1.0).toArray());
        assertArrayEquals(new double[] {0.5, 3}, a.max(0).toArray(), "an int literal picks the axis overload");
        GradCheck.assertTensorGradients(v -> v.get(0).maximum(0.7).mul(v.get(0).minimum(-0.2)), a);
    }

    @Test
    void elementAccessAndSmallFactories() {
        Tensor t = Tensor.arange(6).reshape(2, 3);
        assertEquals(5, t.get(1, 2));
        assertEquals(1, t.get(0, 1));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertTrue(e.getMessage().contains("get") && e.getMessage().contains("[2, 3]"), e.getMessage());
        IllegalArgumentException wrongRank = assertThrows(IllegalArgumentException.class, () -> t.get(1));
        assertTrue(wrongRank.getMessage().contains("expected 2"), wrongRank.getMessage());
        assertEquals(7, Tensor.scalar(7).get());
        assertArrayEquals(new double[] {1, 0, 0, 1}, Tensor.eye(2).toArray());
        assertFalse(Tensor.eye(2).requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(-1));
    }

    @Test
    void writingALeafOrAConstantInputAfterUseIsRefused() {
        Tensor w = Tensor.of(new double[] {1, 2}, 2);
        Tensor x = Tensor.constant(new double[] {3, 4}, 2);
        Tensor loss = w.mul(x).sum();
        x.update(a -> a[0] = 10);                         // the rule for w reads x
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("changed in place"), e.getMessage());
        Tensor viaView = w.view(2, 1).mul(x.view(2, 1)).sum();
        w.update(a -> a[1] = 0);
        assertThrows(IllegalStateException.class, viaView::backward);
        assertThrows(IllegalStateException.class,
                () -> Autograd.grad(List.of(viaView), List.of(w), null, false, true));
        Tensor fresh = w.mul(x).sum();
        fresh.backward();
        assertArrayEquals(new double[] {10, 4}, w.grad().toArray(), 1e-12);
    }
}
