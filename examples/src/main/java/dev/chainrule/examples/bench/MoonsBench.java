package dev.chainrule.examples.bench;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code moons}: micrograd's demo step as {@code torch_moons.py} does it — MLP 2-16-16-1 with
 * ReLU, 100 two-moons points as one full batch, f64, SVM max-margin loss
 * {@code mean(relu(1 - y·score))} plus 1e-4 times the sum of squared parameters, plain SGD with
 * {@code lr = 1 - 0.9·(k mod 100)/100}; microseconds per step. Once with tensors, once with
 * {@code Value}s where every weight is its own node (micrograd's engine, ~0.7 s per step).
 * Weights start as PyTorch's {@code nn.Linear} does: uniform in ±1/√fan_in.
 */
final class MoonsBench implements Section {
    private static final int[] SIZES = {2, 16, 16, 1};

    @Override
    public String name() {
        return "moons";
    }

    /** One model variant: a training step returning the loss, and the accuracy afterwards. */
    private interface Model {
        double step(int k);

        double accuracy();

        int params();
    }

    @Override
    public void run(Settings s) throws Exception {
        Moons data = new Moons(100, 0.1, 1);
        int steps = s.pick(100, 5), repeats = s.pick(7, 2);
        for (String engine : new String[] {"tensor", "value"}) {
            Model model = engine.equals("tensor") ? new TensorModel(data) : new ValueModel(data);
            int[] k = {0};
            int warmups = Timing.warmup(() -> model.step(k[0]++), s.pick(3.0, 0.01), s.pick(50, 2));
            Timing.settle();
            long gcBefore = Timing.gcMillis(), start = System.nanoTime();
            double[] per = new double[repeats];
            double loss = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                for (int step = 0; step < steps; step++) {
                    loss = model.step(step);
                }
                per[r] = (System.nanoTime() - t0) / 1e9 / steps;
            }
            double gcPct = Timing.gcPercent(gcBefore, start);
            s.emit(Json.bench("moons_step").put("engine", engine).put("dtype", "f64").put("params", model.params())
                    .put("us_per_step_median", Timing.round(Timing.median(per) * 1e6, 1))
                    .put("us_per_step_min", Timing.round(Timing.min(per) * 1e6, 1))
                    .put("us_per_step_max", Timing.round(Timing.max(per) * 1e6, 1))
                    .put("steps", steps).put("warmup", warmups).put("repeats", repeats)
                    .put("final_loss", Timing.round(loss, 5)).put("train_acc", model.accuracy())
                    .put("gc_pct", gcPct));
        }
    }

    private static double[] uniform(SplittableRandom rng, int size, double bound) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextDouble(-bound, bound);
        }
        return v;
    }

    private static double lr(int k) {
        return 1.0 - 0.9 * (k % 100) / 100;
    }

    /** The tensor engine: three affine layers, weights stored in×out so x·W needs no transpose. */
    static final class TensorModel implements Model {
        private final Tensor x, y, one = Tensor.scalar(1);
        private final List<Tensor> params = new ArrayList<>();

        TensorModel(Moons data) {
            x = Tensor.constant(data.x, data.n, 2);
            y = Tensor.constant(data.y, data.n);
            SplittableRandom rng = new SplittableRandom(1337);
            for (int l = 0; l + 1 < SIZES.length; l++) {
                double bound = 1 / Math.sqrt(SIZES[l]);
                params.add(Tensor.of(uniform(rng, SIZES[l] * SIZES[l + 1], bound), SIZES[l], SIZES[l + 1]));
                params.add(Tensor.of(uniform(rng, SIZES[l + 1], bound), SIZES[l + 1]));
            }
        }

        Tensor scores() {
            Tensor h = x;
            for (int l = 0; l < params.size(); l += 2) {
                h = h.matmul(params.get(l)).add(params.get(l + 1));
                if (l + 2 < params.size()) {
                    h = h.relu();
                }
            }
            return h.reshape(-1);
        }

        @Override
        public double step(int k) {
            Tensor dataLoss = one.sub(y.mul(scores())).relu().mean();
            Tensor reg = Tensor.scalar(0);
            for (Tensor q : params) {
                reg = reg.add(q.mul(q).sum());
            }
            Tensor total = dataLoss.add(reg.mul(1e-4));
            for (Tensor q : params) {
                q.zeroGrad();
            }
            total.backward();
            double lr = lr(k);
            for (Tensor q : params) {
                double[] w = q.leafArray();
                double[] g = q.grad().toArray();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= lr * g[i];
                }
            }
            return total.item();
        }

        @Override
        public double accuracy() {
            try (var off = GradMode.disabled()) {
                double[] sc = scores().toArray();
                double[] labels = y.toArray();
                int right = 0;
                for (int i = 0; i < sc.length; i++) {
                    right += (sc[i] > 0) == (labels[i] > 0) ? 1 : 0;
                }
                return (double) right / sc.length;
            }
        }

        @Override
        public int params() {
            return params.stream().mapToInt(Tensor::size).sum();
        }
    }

    /** The scalar engine: every weight a {@code Value}, each neuron one dot-product node plus its bias. */
    static final class ValueModel implements Model {
        private final List<List<Value>> inputs = new ArrayList<>();
        private final double[] labels;
        /** weights[l][j] are neuron j's input weights in layer l; biases[l][j] its bias. */
        private final List<List<List<Value>>> weights = new ArrayList<>();
        private final List<List<Value>> biases = new ArrayList<>();
        private final List<Value> params = new ArrayList<>();

        ValueModel(Moons data) {
            for (int i = 0; i < data.n; i++) {
                inputs.add(List.of(Value.constant(data.x[2 * i]), Value.constant(data.x[2 * i + 1])));
            }
            labels = data.y;
            SplittableRandom rng = new SplittableRandom(1337);
            for (int l = 0; l + 1 < SIZES.length; l++) {
                double bound = 1 / Math.sqrt(SIZES[l]);
                List<List<Value>> layer = new ArrayList<>();
                List<Value> bs = new ArrayList<>();
                for (int j = 0; j < SIZES[l + 1]; j++) {
                    List<Value> w = Value.listOf(uniform(rng, SIZES[l], bound));
                    layer.add(w);
                    params.addAll(w);
                }
                for (int j = 0; j < SIZES[l + 1]; j++) {
                    Value b = Value.of(rng.nextDouble(-bound, bound));
                    bs.add(b);
                    params.add(b);
                }
                weights.add(layer);
                biases.add(bs);
            }
        }

        Value score(List<Value> x) {
            List<Value> h = x;
            for (int l = 0; l < weights.size(); l++) {
                List<Value> next = new ArrayList<>(weights.get(l).size());
                for (int j = 0; j < weights.get(l).size(); j++) {
                    Value act = Value.dot(weights.get(l).get(j), h).add(biases.get(l).get(j));
                    next.add(l + 1 < weights.size() ? act.relu() : act);
                }
                h = next;
            }
            return h.get(0);
        }

        @Override
        public double step(int k) {
            List<Value> losses = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                losses.add(score(inputs.get(i)).mul(-labels[i]).add(1).relu());
            }
            Value dataLoss = Value.sum(losses).mul(1.0 / losses.size());
            Value total = dataLoss.add(Value.dot(params, params).mul(1e-4));
            for (Value p : params) {
                p.zeroGrad();
            }
            total.backward();
            double lr = lr(k);
            for (Value p : params) {
                p.setData(p.data() - lr * p.grad());
            }
            return total.data();
        }

        @Override
        public double accuracy() {
            try (var off = GradMode.disabled()) {
                int right = 0;
                for (int i = 0; i < inputs.size(); i++) {
                    right += (score(inputs.get(i)).data() > 0) == (labels[i] > 0) ? 1 : 0;
                }
                return (double) right / inputs.size();
            }
        }

        @Override
        public int params() {
            return params.size();
        }
    }
}
