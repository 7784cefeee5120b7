package dev.chainrule.examples.bench;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code mlp}: one training step of a ReLU MLP — forward, cross-entropy, backward, Adam step
 * (lr 1e-3), zero grad — as {@code bench_mlp} of {@code torch_reference.py}: 64-128-64-10 at
 * batch 64 and 784-512-256-10 at batch 128, f64, cycling 16 pre-generated random batches;
 * samples per second. Weights start as {@code nn.Linear}'s (uniform ±1/√fan_in) and are
 * stored in×out so the forward product needs no transpose. The record's {@code gc_pct} is
 * the share of the timed steps spent in garbage collection.
 */
final class MlpBench implements Section {
    private static final int[][] CONFIGS = {{64, 128, 64, 10, 64}, {784, 512, 256, 10, 128}};

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public void run(Settings s) throws Exception {
        for (int[] config : CONFIGS) {
            int[] sizes = java.util.Arrays.copyOf(config, config.length - 1);
            int batch = config[config.length - 1];
            Model model = new Model(sizes, batch);
            int steps = s.pick(200, 3), repeats = s.pick(3, 1);
            int[] i = {0};
            int warmup = Timing.warmup(() -> model.step(i[0]++), s.pick(3.0, 0.01), s.pick(20, 1));
            Timing.settle();
            double[] perStep = new double[repeats];
            double loss = 0;
            long gc0 = Timing.gcMillis();
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < steps; k++) {
                    loss = model.step(k);
                }
                perStep[r] = (System.nanoTime() - t0) / 1e9 / steps;
            }
            double gcPct = Timing.round(100.0 * (Timing.gcMillis() - gc0) / ((System.nanoTime() - start) / 1e6), 2);
            double[] sps = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                sps[r] = batch / perStep[r];
            }
            s.emit(Json.bench("mlp").put("arch", join(sizes)).put("batch", batch).put("dtype", "f64")
                    .put("samples_per_s_median", Timing.round(Timing.median(sps), 1))
                    .put("samples_per_s_min", Timing.round(Timing.min(sps), 1))
                    .put("samples_per_s_max", Timing.round(Timing.max(sps), 1))
                    .put("ms_per_step_median", Timing.round(Timing.median(perStep) * 1e3, 4))
                    .put("steps", steps).put("warmup", warmup).put("repeats", repeats)
                    .put("final_loss", Timing.round(loss, 4)).put("gc_pct", gcPct));
        }
    }

    private static String join(int[] sizes) {
        StringBuilder s = new StringBuilder();
        for (int v : sizes) {
            s.append(s.length() > 0 ? "-" : "").append(v);
        }
        return s.toString();
    }

    /** The MLP, its optimizer and the pool of batches. */
    static final class Model {
        private static final int POOL = 16;
        private final List<Tensor> params = new ArrayList<>();
        private final Tensor[] xs = new Tensor[POOL];
        private final Tensor[] ys = new Tensor[POOL];
        private final Optimizer opt;

        Model(int[] sizes, int batch) {
            SplittableRandom rng = new SplittableRandom(0);
            List<Parameter> ps = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                double bound = 1 / Math.sqrt(sizes[l]);
                Tensor w = Tensor.of(uniform(rng, sizes[l] * sizes[l + 1], bound), sizes[l], sizes[l + 1]);
                Tensor b = Tensor.of(uniform(rng, sizes[l + 1], bound), sizes[l + 1]);
                params.add(w);
                params.add(b);
                ps.add(Parameter.of(w));
                ps.add(Parameter.of(b));
            }
            opt = Adam.of(ps).lr(1e-3);
            SplittableRandom data = new SplittableRandom(42);
            int classes = sizes[sizes.length - 1];
            for (int i = 0; i < POOL; i++) {
                xs[i] = Tensor.constant(MatmulBench.gaussian(data, batch * sizes[0]), batch, sizes[0]);
                double[] labels = new double[batch];
                for (int j = 0; j < batch; j++) {
                    labels[j] = data.nextInt(classes);
                }
                ys[i] = Tensor.constant(labels, batch, 1);
            }
        }

        /** Forward, cross-entropy, backward, Adam step, zero grad; returns the loss. */
        double step(int i) {
            Tensor h = xs[i % POOL];
            for (int l = 0; l < params.size(); l += 2) {
                h = h.matmul(params.get(l)).add(params.get(l + 1));
                if (l + 2 < params.size()) {
                    h = h.relu();
                }
            }
            // cross-entropy: mean over the batch of -log softmax at the label
            Tensor loss = h.logSoftmax(1).gather(1, ys[i % POOL]).mean().neg();
            loss.backward();
            opt.step();
            opt.zeroGrad();
            return loss.item();
        }

        private static double[] uniform(SplittableRandom rng, int size, double bound) {
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = rng.nextDouble(-bound, bound);
            }
            return v;
        }
    }
}
