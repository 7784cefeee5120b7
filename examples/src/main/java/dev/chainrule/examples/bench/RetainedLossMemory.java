package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much heap a training loop keeps when it holds on to every step's loss object after
 * {@code backward()} (issue 11): a released graph must free itself, so each kept loss should
 * cost its own few numbers, not the activations of the step. Trains a 64-256-10 MLP at batch
 * 64 with Adam for 2,000 steps keeping each loss tensor, then the same with a small
 * {@link Value} graph, and prints the retained bytes per kept loss (heap after full GCs).
 *
 * <pre>{@code java -cp examples/target/chainrule.jar dev.chainrule.examples.bench.RetainedLossMemory}</pre>
 */
public final class RetainedLossMemory {
    private static final int STEPS = 2_000;

    private RetainedLossMemory() {
    }

    /**
     * Runs both measurements and prints one line each.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MLP mlp = MLP.of(64, 256, 10).init(MlpBench.TORCH_LINEAR, new SplittableRandom(0));
        Optimizer opt = Adam.of(mlp.parameters()).lr(1e-3);
        SplittableRandom data = new SplittableRandom(42);
        Tensor x = Tensor.constant(MatmulBench.gaussian(data, 64 * 64), 64, 64);
        int[] y = new int[64];
        for (int j = 0; j < y.length; j++) {
            y[j] = data.nextInt(10);
        }
        List<Tensor> losses = new ArrayList<>(STEPS);
        long before = usedHeap();
        for (int i = 0; i < STEPS; i++) {
            Tensor loss = Loss.crossEntropy(mlp.forward(x), y);
            loss.backward();
            opt.step();
            opt.zeroGrad();
            losses.add(loss);
        }
        long after = usedHeap();
        System.out.printf("tensor: %d losses of a 64-256-10 MLP at batch 64 keep %.0f bytes each (last loss %.4f)%n",
                losses.size(), (after - before) / (double) STEPS, losses.get(STEPS - 1).item());

        losses.clear(); // measured: let it go so the next baseline does not include it
        List<Value> w = Value.listOf(0.5, -0.25, 0.125, 1);
        List<Value> kept = new ArrayList<>(STEPS);
        before = usedHeap();
        for (int i = 0; i < STEPS; i++) {
            Value h = Value.constant(i % 7);
            for (int k = 0; k < 50; k++) { // 200 nodes per step
                h = h.mul(w.get(k % 4)).add(w.get((k + 1) % 4)).tanh().add(h);
            }
            Value loss = h.mul(h);
            loss.backward();
            kept.add(loss);
        }
        after = usedHeap();
        System.out.printf("value:  %d losses of a 200-node Value graph keep %.0f bytes each (last loss %.4f)%n",
                kept.size(), (after - before) / (double) STEPS, kept.get(STEPS - 1).data());
    }

    /** Heap in use after the collector has run (several times: one call may not finish). */
    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
