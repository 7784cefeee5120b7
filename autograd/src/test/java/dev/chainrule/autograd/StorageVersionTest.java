package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Issue 11: version counters on storage, graphs that free themselves, leaves from any factory, threads. */
class StorageVersionTest {

    @Test
    void writeThroughDetachedAliasIsCaught() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor y = w.mul(w).sum();
        w.detach().update(a -> a[0] = 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("changed in place"), e.getMessage());
        assertTrue(e.getMessage().contains("mul"), e.getMessage());
    }

    @Test
    void writeThroughViewIsCaught() {
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 4);
        Tensor y = w.mul(w).sum();
        Tensor v;
        try (GradMode.Scope s = GradMode.disabled()) {
            v = w.view(2, 2);
        }
        v.setData(new double[] {5, 6, 7, 8});
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void writeToAnInputTheRuleIgnoresIsAllowed() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor y = w.add(Tensor.ones(3)).sum(); // add never reads its operands' numbers
        w.update(a -> a[0] = 100);
        assertDoesNotThrow(() -> y.backward());
        assertArrayEquals(new double[] {1, 1, 1}, w.grad().toArray());
    }

    @Test
    void readsNeverCountAsWrites() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3);
        Tensor y = w.mul(w).sum();
        w.toArray()[0] = 100; // a copy
        w.detach().toArray();
        w.get(0);
        y.backward();
        assertArrayEquals(new double[] {2, 4, 6}, w.grad().toArray());
    }

    @Test
    void valueSetDataIsCaughtButNotForAdd() {
        Value a = Value.of(3);
        Value p = a.mul(a);
        a.setData(4);
        assertThrows(IllegalStateException.class, p::backward);
        Value b = Value.of(3);
        Value s = b.add(1);
        b.setData(4);
        assertDoesNotThrow(() -> s.backward());
        assertEquals(1.0, b.grad());
    }

    @Test
    void releasedTensorGraphDropsItsIntermediates() {
        Tensor w = Tensor.randn(new java.util.Random(1), 64, 64);
        Tensor h = w.matmul(w).relu();
        WeakReference<Tensor> ref = new WeakReference<>(h);
        Tensor loss = h.sum();
        h = null;
        loss.backward();
        assertCollected(ref);
        assertEquals(loss.item(), loss.item());
    }

    @Test
    void releasedValueGraphDropsItsIntermediates() {
        Value a = Value.of(2);
        Value h = a.mul(a).tanh();
        WeakReference<Value> ref = new WeakReference<>(h);
        Value loss = h.mul(3);
        h = null;
        loss.backward();
        assertCollected(ref);
    }

    private static void assertCollected(WeakReference<?> ref) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertNull(ref.get(), "a released graph still keeps its intermediate result alive");
    }

    @Test
    void everyFactoryCanMakeALeaf() {
        for (Tensor c : List.of(Tensor.zeros(2, 3), Tensor.ones(2), Tensor.full(7, 2), Tensor.eye(3),
                Tensor.arange(4), Tensor.scalar(1))) {
            assertTrue(!c.requiresGrad());
            Tensor leaf = c.toLeaf();
            assertTrue(leaf.requiresGrad() && leaf.leaf());
            assertArrayEquals(c.toArray(), leaf.toArray());
            assertArrayEquals(c.shape(), leaf.shape());
        }
        Tensor w = Tensor.zeros(3).toLeaf();
        w.mul(2).sum().backward();
        assertArrayEquals(new double[] {2, 2, 2}, w.grad().toArray());
    }

    /** Four threads each train their own tiny model; a shared global clock used to break this. */
    @Test
    void independentGraphsOnFourThreadsMatchASequentialRun() throws Exception {
        int threads = 4, steps = 100_000;
        double[][] sequential = new double[threads][];
        for (int t = 0; t < threads; t++) {
            sequential[t] = train(t, steps);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> train(seed, steps)));
            }
            for (int t = 0; t < threads; t++) {
                assertArrayEquals(sequential[t], results.get(t).get(), 0.0, "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Gradient descent on sum((w * x - target)^2) with a 3-element leaf w. */
    private static double[] train(int seed, int steps) {
        Tensor w = Tensor.of(new double[] {seed, 1, -1}, 3);
        Tensor x = Tensor.constant(new double[] {0.5, -1, 2}, 3);
        Tensor target = Tensor.constant(new double[] {1, 2, 3}, 3);
        for (int i = 0; i < steps; i++) {
            w.zeroGrad();
            Tensor d = w.mul(x).sub(target);
            d.mul(d).sum().backward();
            double[] g = w.grad().toArray();
            w.update(a -> {
                for (int k = 0; k < a.length; k++) {
                    a[k] -= 1e-3 * g[k];
                }
            });
        }
        return w.toArray();
    }
}
