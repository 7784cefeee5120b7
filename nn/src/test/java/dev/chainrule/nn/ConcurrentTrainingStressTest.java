package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The thread contract with real models (issue 11): four threads each train their own MLP
 * with Adam (relu hidden layers, so the fused affineRelu op, its saved output and the version
 * checks of every step run concurrently) on one shared, read-only data set. No thread may see
 * a spurious error ("was changed in place ...", a released graph), and every final weight
 * must equal, bit for bit, the same model trained alone on one thread.
 *
 * <p>Each thread takes {@value #DEFAULT_STEPS} steps, the bar (about 6 s for the
 * sequential and the concurrent runs together on 2 cores); a longer run:
 * {@code mvn -o -pl nn -am test -Dtest=ConcurrentTrainingStressTest -Dsurefire.failIfNoSpecifiedTests=false -Dchainrule.stressSteps=1000000}.
 */
class ConcurrentTrainingStressTest {
    private static final int THREADS = 4;
    private static final int DEFAULT_STEPS = 100_000;

    /** A shared constant: 8 points of y = x0·x1 - x1 (only read, so any thread may use it). */
    private static final Tensor X = Tensor.constant(new double[] {
        -1, -1, -1, 1, 1, -1, 1, 1, 0.5, 0, 0, 0.5, -0.5, 0.25, 0.75, -0.75}, 8, 2);
    private static final Tensor Y = Tensor.constant(new double[] {
        2, -2, 0, 0, 0, -0.5, -0.375, 0.1875}, 8, 1);

    @Test
    void fourThreadsTrainingTheirOwnMlpsMatchSequentialRunsBitForBit() throws Exception {
        int steps = Integer.getInteger("chainrule.stressSteps", DEFAULT_STEPS);
        List<double[]> sequential = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            sequential.add(train(t, steps, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(THREADS); // all threads train at once
            List<Future<double[]>> concurrent = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                concurrent.add(pool.submit(() -> train(seed, steps, start)));
            }
            for (int t = 0; t < THREADS; t++) {
                // a spurious error in a thread surfaces here as an ExecutionException
                double[] got = concurrent.get(t).get();
                assertArrayEquals(sequential.get(t), got, 0.0, "thread " + t + ": final weights differ from its sequential run");
            }
        } finally {
            pool.shutdownNow();
        }
        for (int t = 1; t < THREADS; t++) {
            assertTrue(sequential.get(t)[0] != sequential.get(0)[0], "the seeds give different models");
        }
    }

    /** Trains a seeded 2-16-16-1 relu MLP with Adam; returns every weight and bias, flattened, then the last loss. */
    private static double[] train(int seed, int steps, CountDownLatch start) throws InterruptedException {
        MLP net = MLP.of(2, 16, 16, 1).init(Init.HE).seed(seed);
        Optimizer opt = Adam.of(net.parameters()).lr(1e-3);
        if (start != null) {
            start.countDown();
            start.await();
        }
        double loss = 0;
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor l = Loss.mse(net.forward(X), Y);
            l.backward();
            opt.step();
            loss = l.item();
        }
        List<Double> out = new ArrayList<>();
        for (Tensor p : net.namedTensors().values()) {
            for (double v : p.toArray()) {
                out.add(v);
            }
        }
        out.add(loss);
        assertEquals(net.parameterCount() + 1, out.size());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
