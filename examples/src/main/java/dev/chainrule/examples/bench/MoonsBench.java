package dev.chainrule.examples.bench;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.MLP;
import dev.chainrule.nn.Neuron;
import dev.chainrule.nn.Parameter;
import dev.chainrule.nn.ScalarMLP;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code moons}: micrograd's demo step as {@code torch_moons.py} does it — MLP 2-16-16-1 with
 * ReLU, 100 two-moons points as one full batch, f64, SVM max-margin loss
 * {@code mean(relu(1 - y·score))} plus 1e-4 times the sum of squared parameters, plain SGD with
 * {@code lr = 1 - 0.9·(k mod 100)/100}; microseconds per step. Once with tensors, once with
 * {@code Value}s where every weight is its own node (micrograd's engine, ~0.7 s per step):
 * nn's {@link MLP} and {@link ScalarMLP}, weights drawn as PyTorch's {@code nn.Linear} draws
 * them (uniform in ±1/√fan_in).
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

    private static double lr(int k) {
        return 1.0 - 0.9 * (k % 100) / 100;
    }

    /** The tensor engine: nn's {@link MLP}, updated in place through its parameters' live arrays. */
    static final class TensorModel implements Model {
        private final Tensor x, y, one = Tensor.scalar(1);
        private final MLP mlp = MLP.of(SIZES).init(MlpBench.TORCH_LINEAR, new SplittableRandom(1337));
        private final List<Parameter> params = mlp.parameters();
        private final List<Tensor> tensors = new ArrayList<>(mlp.namedTensors().values());

        TensorModel(Moons data) {
            x = Tensor.constant(data.x, data.n, 2);
            y = Tensor.constant(data.y, data.n);
        }

        Tensor scores() {
            return mlp.forward(x).reshape(-1);
        }

        @Override
        public double step(int k) {
            Tensor dataLoss = one.sub(y.mul(scores())).relu().mean();
            Tensor reg = Tensor.scalar(0);
            for (Tensor q : tensors) {
                reg = reg.add(q.mul(q).sum());
            }
            Tensor total = dataLoss.add(reg.mul(1e-4));
            for (Parameter p : params) {
                p.zeroGrad();
            }
            total.backward();
            sgd(params, lr(k));
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
            return params.stream().mapToInt(Parameter::size).sum();
        }
    }

    /** Plain SGD {@code θ ← θ − lr·∇θ} through the parameters' arrays, as the reference's manual update. */
    static void sgd(List<Parameter> params, double lr) {
        for (Parameter p : params) {
            double[] w = p.data();
            double[] g = p.grad();
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
            p.commit();
        }
    }

    /** The scalar engine: nn's {@link ScalarMLP}, every weight a {@code Value}, each neuron one dot node. */
    static final class ValueModel implements Model {
        private final List<List<Value>> inputs = new ArrayList<>();
        private final double[] labels;
        private final ScalarMLP mlp = ScalarMLP.of(SIZES).init(MlpBench.TORCH_LINEAR, new SplittableRandom(1337));
        private final List<Parameter> params = mlp.parameters();
        private final List<Value> values = new ArrayList<>();

        ValueModel(Moons data) {
            for (int i = 0; i < data.n; i++) {
                inputs.add(List.of(Value.constant(data.x[2 * i]), Value.constant(data.x[2 * i + 1])));
            }
            labels = data.y;
            for (Layer layer : mlp.layers()) {
                for (Neuron n : layer.neurons()) {
                    values.addAll(n.weights());
                    values.add(n.bias());
                }
            }
        }

        Value score(List<Value> x) {
            return mlp.forward(x).get(0);
        }

        @Override
        public double step(int k) {
            List<Value> losses = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                losses.add(score(inputs.get(i)).mul(-labels[i]).add(1).relu());
            }
            Value dataLoss = Value.sum(losses).mul(1.0 / losses.size());
            Value total = dataLoss.add(Value.dot(values, values).mul(1e-4));
            for (Parameter p : params) {
                p.zeroGrad();
            }
            total.backward();
            sgd(params, lr(k));
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
            return values.size();
        }
    }
}
