package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: an optimizer step on a float32 parameter runs the same rule as on float64 (state in
 * float64, the parameter rounded once per step), counts a write on the parameter's storage, and
 * allocates nothing per step (no widened copies of the parameter or its gradient).
 */
class Float32StepTest {
    private static final int N = 37;

    /** float-valued numbers, so a float64 and a float32 tensor of them hold the same values. */
    private static double[] floatValued(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextGaussian());
        }
        return x;
    }

    /** Sets w's gradient to exactly {@code g} (the gradient of Σ w·g). */
    private static void gradient(Tensor w, double[] g) {
        w.zeroGrad();
        w.mul(Tensor.constant(g, g.length).to(w.dtype())).sum().backward();
    }

    @Test
    void everyRuleGivesTheFloat64ResultRoundedOnce() {
        for (Map.Entry<String, Function<List<Parameter>, Optimizer>> c : Float32OptimizerReferenceTest.CONFIGS.entrySet()) {
            SplittableRandom rng = new SplittableRandom(c.getKey().hashCode());
            double[] start = floatValued(rng, N);
            Tensor w64 = Tensor.of(start.clone(), N);
            Tensor w32 = Tensor.of(start.clone(), N).to(DType.F32).toLeaf();
            Optimizer o64 = c.getValue().apply(List.of(Parameter.of(w64)));
            Optimizer o32 = c.getValue().apply(List.of(Parameter.of(w32)));
            for (int step = 1; step <= 4; step++) {
                double[] g = floatValued(rng, N);
                gradient(w64, g);
                gradient(w32, g);
                o64.step();
                o32.step();
                assertEquals(DType.F32, w32.dtype(), c.getKey());
                double[] rounded = w64.toArray();
                for (int i = 0; i < N; i++) {
                    rounded[i] = (float) rounded[i];
                }
                assertArrayEquals(rounded, w32.toArray(), c.getKey() + ", step " + step);
                w64.setData(rounded); // the float64 run continues from the float32 parameter's numbers
            }
        }
    }

    @Test
    void aStepCountsAWriteOnTheFloat32Parameter() {
        Tensor w = Tensor.of(new double[] {1, 2, 3}, 3).to(DType.F32).toLeaf();
        Optimizer opt = SGD.of(List.of(Parameter.of(w))).lr(0.1);
        gradient(w, new double[] {1, 1, 1});
        Tensor stale = w.mul(w).sum();
        opt.step();
        IllegalStateException e = assertThrows(IllegalStateException.class, stale::backward);
        assertTrue(e.getMessage().contains("changed in place"), e.getMessage());
    }

    @Test
    void aFloat32StepAllocatesNoCopies() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rows = 256, cols = 512;
        Tensor w = Tensor.zeros(rows, cols).to(DType.F32).toLeaf();
        gradient(w.view(rows * cols), floatValued(new SplittableRandom(3), rows * cols));
        for (Function<List<Parameter>, Optimizer> make : List.<Function<List<Parameter>, Optimizer>>of(
                p -> Adam.of(p), p -> SGD.of(p).momentum(0.9), p -> RMSprop.of(p).centered(true))) {
            Optimizer opt = make.apply(List.of(Parameter.of(w)));
            opt.step(); // the first step makes the state and the reusable buffers
            opt.step();
            long tid = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(tid);
            int steps = 10;
            for (int k = 0; k < steps; k++) {
                opt.step();
            }
            long perStep = (threads.getThreadAllocatedBytes(tid) - before) / steps;
            // before issue 13 each step widened θ and its gradient into fresh double arrays: 2 MB here
            assertTrue(perStep < 4096, opt + ": " + perStep + " bytes allocated per float32 step");
        }
    }
}
