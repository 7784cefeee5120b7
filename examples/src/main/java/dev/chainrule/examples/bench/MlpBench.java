package dev.chainrule.examples.bench;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.Loss;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import java.util.SplittableRandom;

/**
 * {@code mlp}: one training step of a ReLU MLP — forward, cross-entropy, backward, Adam step
 * (lr 1e-3), zero grad — as {@code bench_mlp} of {@code torch_reference.py}: 64-128-64-10 at
 * batch 64 and 784-512-256-10 at batch 128, in f64 and f32 ({@code MLP.dtype}), cycling 16 pre-generated random batches;
 * samples per second. The model is nn's {@link MLP} with weights drawn as PyTorch's
 * {@code nn.Linear} draws them, the loss nn's {@link Loss#crossEntropy}, the optimizer nn's
 * {@link Adam}. The record's {@code gc_pct} is the share of the timed steps spent in
 * garbage collection.
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
            for (DType dtype : new DType[] {DType.F64, DType.F32}) {
                run(s, config, dtype);
            }
        }
    }

    private void run(Settings s, int[] config, DType dtype) throws Exception {
        {
            int[] sizes = java.util.Arrays.copyOf(config, config.length - 1);
            int batch = config[config.length - 1];
            Model model = new Model(sizes, batch, dtype);
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
            s.emit(Json.bench("mlp").put("arch", join(sizes)).put("batch", batch).put("dtype", dtype == DType.F32 ? "f32" : "f64")
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
        private final MLP mlp;
        private final Tensor[] xs = new Tensor[POOL];
        private final int[][] ys = new int[POOL][];
        private final Optimizer opt;

        Model(int[] sizes, int batch, DType dtype) {
            mlp = MLP.of(sizes).init(TORCH_LINEAR, new SplittableRandom(0)).dtype(dtype);
            opt = Adam.of(mlp.parameters()).lr(1e-3);
            SplittableRandom data = new SplittableRandom(42);
            int classes = sizes[sizes.length - 1];
            for (int i = 0; i < POOL; i++) {
                xs[i] = Tensor.constant(MatmulBench.gaussian(data, batch * sizes[0]), batch, sizes[0]).to(dtype);
                ys[i] = new int[batch];
                for (int j = 0; j < batch; j++) {
                    ys[i][j] = data.nextInt(classes);
                }
            }
        }

        /** Forward, cross-entropy, backward, Adam step, zero grad; returns the loss. */
        double step(int i) {
            Tensor loss = Loss.crossEntropy(mlp.forward(xs[i % POOL]), ys[i % POOL]);
            loss.backward();
            opt.step();
            opt.zeroGrad();
            return loss.item();
        }
    }

    /** PyTorch's default {@code nn.Linear} weights: uniform in ±1/√fan_in (He-uniform with gain 1/√3). */
    static final Init TORCH_LINEAR = Init.heUniform(1 / Math.sqrt(3));
}
