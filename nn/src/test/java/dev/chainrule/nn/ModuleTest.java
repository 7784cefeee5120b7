package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Csv;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.io.Checkpoint;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensor modules: the worked example, XOR, iris, naming, modes, dropout, reproducibility, checkpoints. */
class ModuleTest {
    @TempDir
    Path tmp;

    @Test
    void workedExampleOneSgdStep() {
        MLP net = WorkedExample.tensorNet();
        Tensor x = Tensor.constant(WorkedExample.X, 1, 3);
        Tensor hidden = Activation.SIGMOID.apply(net.layers().get(0).forward(x));
        assertArrayEquals(WorkedExample.HIDDEN_OUT, hidden.toArray(), 1e-12);
        Optimizer sgd = SGD.of(net.parameters()).lr(WorkedExample.LR);
        sgd.zeroGrad();
        Tensor o = net.forward(x);
        assertEquals(WorkedExample.OUT, o.item(), 1e-12);
        Loss.halfSumSquaredError(o, Tensor.constant(new double[] {WorkedExample.TARGET}, 1, 1)).backward();
        // delta = −dE/dnet, which is minus each unit's bias gradient
        assertEquals(WorkedExample.OUTPUT_DELTA, -net.layers().get(1).bias().grad().item(), 1e-12);
        assertArrayEquals(WorkedExample.HIDDEN_DELTA, net.layers().get(0).bias().grad().neg().toArray(), 1e-12);
        sgd.step();
        Map<String, Tensor> t = net.namedTensors();
        assertArrayEquals(WorkedExample.byUnit(WorkedExample.NEW_HIDDEN_WEIGHTS), t.get("layers.0.weight").toArray(),
                1e-12);
        assertArrayEquals(WorkedExample.NEW_HIDDEN_BIAS, t.get("layers.0.bias").toArray(), 1e-12);
        assertArrayEquals(WorkedExample.NEW_OUTPUT_WEIGHTS, t.get("layers.1.weight").toArray(), 1e-12);
        assertArrayEquals(WorkedExample.NEW_OUTPUT_BIAS, t.get("layers.1.bias").toArray(), 1e-12);
        assertEquals(WorkedExample.NEW_OUT, net.forward(x).item(), 1e-12);
    }

    @Test
    void learnsXorWithTwoTwoOneSigmoidNet() {
        Tensor x = Tensor.constant(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.constant(new double[] {0, 1, 1, 0}, 4, 1);
        MLP net = MLP.of(2, 2, 1).activation(Activation.SIGMOID).outputActivation(Activation.SIGMOID)
                .init(Init.uniform(-1, 1)).seed(3);
        Optimizer opt = SGD.of(net.parameters()).lr(0.5).momentum(0.9);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int epoch = 0; epoch < 2000; epoch++) {
            opt.zeroGrad();
            Tensor loss = Loss.halfSumSquaredError(net.forward(x), t);
            loss.backward();
            opt.step();
            if (epoch == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(last < 0.01 && last < first / 10, "loss went from " + first + " to " + last);
        double[] o = net.forward(x).toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(t.toArray()[i], Math.round(o[i]), "XOR sample " + i + " gave " + o[i]);
        }
    }

    /** On iris (nearly separable after standardising) the loss falls almost every step and the fit is good. */
    @Test
    void irisLossDecreasesMonotonicallyIsh() throws URISyntaxException {
        Dataset iris = Csv.load(Path.of(ModuleTest.class.getResource("/data/iris.csv").toURI()));
        Dataset z = Standardizer.fit(iris).apply(iris);
        MLP net = MLP.of(4, 16, 3).activation(Activation.TANH).seed(5);
        Optimizer opt = Adam.of(net.parameters()).lr(0.01);
        Tensor x = z.x();
        int[] y = z.labels();
        double prev = Double.POSITIVE_INFINITY;
        int rises = 0;
        for (int step = 0; step < 200; step++) {
            opt.zeroGrad();
            Tensor loss = Loss.crossEntropy(net.forward(x), y);
            loss.backward();
            opt.step();
            if (loss.item() > prev) {
                rises++;
            }
            prev = loss.item();
        }
        assertTrue(rises <= 10, rises + " of 200 steps raised the loss");
        assertTrue(prev < 0.15, "final loss " + prev);
        double accuracy = Metrics.accuracy(net.forward(x), y);
        assertTrue(accuracy >= 140 / 150.0, "accuracy " + accuracy);
    }

    @Test
    void mlpBuilderNamesShapesAndReproducibility() {
        MLP a = MLP.of(784, 512, 256, 10).activation(Activation.RELU).init(Init.HE);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight",
                "layers.2.bias"), List.copyOf(a.namedParameters().keySet()));
        assertArrayEquals(new int[] {512, 784}, a.namedParameters().get("layers.0.weight").shape()); // [out, in]
        assertEquals(784L * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10, a.parameterCount());
        MLP b = MLP.of(784, 512, 256, 10).init(Init.HE).activation(Activation.RELU);
        for (String k : a.namedParameters().keySet()) {
            assertArrayEquals(a.namedParameters().get(k).snapshot(), b.namedParameters().get(k).snapshot(), 0, k);
        }
        MLP c = MLP.of(784, 512, 256, 10).init(Init.HE).seed(1);
        assertFalse(Arrays.equals(a.namedParameters().get("layers.0.weight").snapshot(),
                c.namedParameters().get("layers.0.weight").snapshot()));
        double[] w = a.namedParameters().get("layers.0.weight").snapshot();
        double sd = Math.sqrt(Arrays.stream(w).map(v -> v * v).sum() / w.length);
        assertEquals(Math.sqrt(2.0 / 784), sd, 0.01 * Math.sqrt(2.0 / 784), "He normal spread");
        assertArrayEquals(new int[] {5, 10}, a.forward(Tensor.constant(new double[5 * 784], 5, 784)).shape());
    }

    @Test
    void sequentialNamesTrainEvalAndDropout() {
        Sequential s = new Sequential(new Linear(4, 8, Init.XAVIER, new SplittableRandom(1)), ActivationModule.relu(),
                new Dropout(0.5, 7), new Linear(8, 2, Init.XAVIER, new SplittableRandom(2)));
        assertEquals(List.of("0.weight", "0.bias", "3.weight", "3.bias"), List.copyOf(s.namedParameters().keySet()));
        assertTrue(s.isTraining());
        s.eval();
        assertFalse(s.children().get(2).isTraining());
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4}, 1, 4);
        assertArrayEquals(s.forward(x).toArray(), s.forward(x).toArray(), 0, "eval is deterministic");

        Dropout d = new Dropout(0.25, 3);
        Tensor ones = Tensor.ones(1000);
        double[] out = d.forward(ones).toArray();
        long zeros = Arrays.stream(out).filter(v -> v == 0).count();
        assertTrue(zeros > 200 && zeros < 300, zeros + " zeros of 1000 at p = 0.25");
        assertTrue(Arrays.stream(out).allMatch(v -> v == 0 || v == 1 / 0.75));
        assertArrayEquals(out, new Dropout(0.25, 3).forward(ones).toArray(), 0, "same seed, same mask");
        d.eval();
        assertArrayEquals(ones.toArray(), d.forward(ones).toArray(), 0);
    }

    @Test
    void linearGradientAndErrors() {
        Linear l = new Linear(3, 2, Init.XAVIER, new SplittableRandom(4));
        Tensor w = l.weight();
        Tensor b = l.bias();
        GradCheck.assertTensorGradients(v -> v.get(0).linear(v.get(1), v.get(2)).tanh().sum(),
                Tensor.constant(new double[] {0.5, -1, 2, 0.3, 0.1, -0.7}, 2, 3), w, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(Tensor.constant(new double[4], 1, 4)));
        assertTrue(e.getMessage().contains("[1, 4]") && e.getMessage().contains("3 features"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, true));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1, 0));
    }

    @Test
    void checkpointRoundTripOfATensorModelAndItsOptimizer() {
        MLP a = MLP.of(4, 6, 3).seed(1);
        Adam opt = Adam.of(a.parameters()).lr(0.01);
        Tensor x = Tensor.constant(new double[] {1, 2, 3, 4, -1, 0, 1, 0}, 2, 4);
        int[] y = {0, 2};
        for (int i = 0; i < 3; i++) {
            opt.zeroGrad();
            Loss.crossEntropy(a.forward(x), y).backward();
            opt.step();
        }
        Path file = tmp.resolve("mlp.safetensors");
        Checkpoint.save(file, a, opt);
        MLP b = MLP.of(4, 6, 3).seed(2);
        Adam optB = Adam.of(b.parameters()).lr(0.01);
        Checkpoint.load(file, b, optB);
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0);
        assertEquals(opt.state(), optB.state());
        MLP wrong = MLP.of(4, 7, 3);
        Map<String, double[]> before = new java.util.LinkedHashMap<>();
        wrong.namedParameters().forEach((k, p) -> before.put(k, p.snapshot()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, wrong));
        assertTrue(e.getMessage().contains("layers.0.weight"), e.getMessage());
        before.forEach((k, v) -> assertArrayEquals(v, wrong.namedParameters().get(k).snapshot(), 0, k));
    }
}
