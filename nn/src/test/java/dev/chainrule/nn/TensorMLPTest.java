package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of the lecture notes, XOR, reproducibility and naming, on a tensor MLP. */
class TensorMLPTest {
    /** The notes' 3-2-1 sigmoid net with the spec's initial weights, as a 3x2 and a 2x1 matrix. */
    static MLP workedExampleNet() {
        MLP net = MLP.of(3, 2, 1).activation(Activation.SIGMOID).outputActivation(Activation.SIGMOID);
        Map<String, Parameter> p = net.namedParameters();
        // weight [in, out]: row i holds input i's weights to units 4 and 5
        p.get("layers.0.weight").set(new double[] {
            0.2, -0.3,   // w14, w15
            0.4, 0.1,    // w24, w25
            -0.5, 0.2}); // w34, w35
        p.get("layers.0.bias").set(new double[] {-0.4, 0.2});
        p.get("layers.1.weight").set(new double[] {-0.3, -0.2}); // w46, w56
        p.get("layers.1.bias").set(new double[] {0.1});
        return net;
    }

    @Test
    void workedExampleOneSgdStep() {
        MLP net = workedExampleNet();
        Tensor x = Tensor.constant(new double[] {1, 0, 1}, 1, 3);
        Tensor t = Tensor.constant(new double[] {1}, 1, 1);
        Tensor h = net.layers().get(0).forward(x).sigmoid();
        assertArrayEquals(new double[] {0.3318122278318339, 0.52497918747894}, h.toArray(), 1e-12);

        Optimizer sgd = SGD.of(net.parameters()).lr(0.9);
        sgd.zeroGrad();
        Tensor o6 = net.forward(x);
        assertEquals(0.47388889882398544, o6.item(), 1e-12);
        Loss.halfSumSquaredError(o6, t).backward();
        // delta = −dE/dnet: each unit's bias gradient is −delta
        assertEquals(0.1311690782143445, -net.layers().get(1).bias().grad().item(), 1e-12);
        double[] hiddenDeltas = net.layers().get(0).bias().grad().neg().toArray();
        assertArrayEquals(new double[] {-0.008724561965433263, -0.0065420850641689935}, hiddenDeltas, 1e-12);
        sgd.step();

        Map<String, Parameter> p = net.namedParameters();
        assertArrayEquals(new double[] {
            0.19214789423111006, -0.30588787655775207,
            0.4, 0.1,
            -0.50785210576889, 0.19411212344224793}, p.get("layers.0.weight").snapshot(), 1e-12);
        assertArrayEquals(new double[] {-0.40785210576888997, 0.19411212344224793}, p.get("layers.0.bias").snapshot(), 1e-12);
        assertArrayEquals(new double[] {-0.26082884634154524, -0.13802506750700472}, p.get("layers.1.weight").snapshot(), 1e-12);
        assertArrayEquals(new double[] {0.21805217039291008}, p.get("layers.1.bias").snapshot(), 1e-12);
        assertEquals(0.515247950984996, net.forward(x).item(), 1e-12);
    }

    @Test
    void workedExampleMatchesTheScalarNetStepForStep() {
        MLP net = workedExampleNet();
        ScalarMLP scalar = ScalarMLPTest.workedExampleNet();
        Optimizer a = SGD.of(net.parameters()).lr(0.9);
        Optimizer b = SGD.of(scalar.parameters()).lr(0.9);
        Tensor x = Tensor.constant(new double[] {1, 0, 1}, 1, 3);
        for (int step = 0; step < 5; step++) {
            a.zeroGrad();
            b.zeroGrad();
            Loss.halfSumSquaredError(net.forward(x), Tensor.ones(1, 1)).backward();
            ScalarLoss.halfSumSquaredError(scalar.forward(1, 0, 1), 1).backward();
            a.step();
            b.step();
            assertEquals(scalar.forward(1, 0, 1).get(0).data(), net.forward(x).item(), 1e-12, "after step " + step);
        }
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
        int rises = 0;
        for (int epoch = 0; epoch < 2000; epoch++) {
            opt.zeroGrad();
            Tensor loss = Loss.halfSumSquaredError(net.forward(x), t);
            loss.backward();
            opt.step();
            if (epoch > 0 && loss.item() > last + 1e-9) {
                rises++;
            }
            if (epoch == 0) {
                first = loss.item();
            }
            last = loss.item();
        }
        assertTrue(last < 0.01 && last < first / 10, "loss went from " + first + " to " + last);
        assertTrue(rises < 200, "loss rose in " + rises + " of 2000 epochs"); // momentum overshoots now and then
        double[] o = net.forward(x).toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(t.toArray()[i], Math.round(o[i]), "XOR sample " + i + " gave " + o[i]);
        }
    }

    @Test
    void learnsXorWithTanhHiddenLayerAndLogitLoss() {
        Tensor x = Tensor.constant(new double[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.constant(new double[] {0, 1, 1, 0}, 4, 1);
        MLP net = MLP.of(2, 4, 1).activation(Activation.TANH).init(Init.XAVIER).seed(1);
        Optimizer opt = SGD.of(net.parameters()).lr(0.5);
        for (int epoch = 0; epoch < 1000; epoch++) {
            opt.zeroGrad();
            Loss.binaryCrossEntropyWithLogits(net.forward(x), t).backward();
            opt.step();
        }
        double[] p = net.forward(x).sigmoid().toArray();
        for (int i = 0; i < 4; i++) {
            assertEquals(t.toArray()[i], p[i], 0.1, "XOR sample " + i);
        }
    }

    @Test
    void sameSeedSameModelBitForBitInAnyOrder() {
        MLP a = MLP.of(784, 32, 10).activation(Activation.RELU).init(Init.HE).seed(11);
        MLP b = MLP.of(784, 32, 10).seed(11).init(Init.HE).activation(Activation.RELU);
        MLP c = MLP.of(784, 32, 10).activation(Activation.RELU).init(Init.HE).seed(12);
        for (String name : a.namedParameters().keySet()) {
            assertArrayEquals(a.namedParameters().get(name).snapshot(), b.namedParameters().get(name).snapshot(), 0, name);
        }
        assertFalse(Arrays.equals(a.namedParameters().get("layers.0.weight").snapshot(),
                c.namedParameters().get("layers.0.weight").snapshot()));
        Tensor x = new Draw(5).tensor(0, 1, 3, 784);
        assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray(), 0);
    }

    @Test
    void heInitHasTheFanInScale() {
        MLP net = MLP.of(784, 512, 10).init(Init.HE).seed(2);
        double[] w = net.layers().get(0).weight().toArray();
        double sq = 0;
        for (double v : w) {
            sq += v * v;
        }
        assertEquals(Math.sqrt(2.0 / 784), Math.sqrt(sq / w.length), 0.01 * Math.sqrt(2.0 / 784));
        assertEquals(0, Arrays.stream(net.layers().get(0).bias().toArray()).map(Math::abs).sum(), 0);
    }

    @Test
    void parametersAreNamedLikePyTorchAndFitTheOptimizers() {
        MLP net = MLP.of(4, 8, 3);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertArrayEquals(new int[] {4, 8}, net.namedParameters().get("layers.0.weight").shape());
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, net.parameterCount());
        assertSame(net.namedParameters().get("layers.1.bias"), net.namedParameters().get("layers.1.bias"));
        assertSame(net.layers().get(1).bias(), net.namedTensors().get("layers.1.bias"));
        Sequential seq = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(seq.namedParameters().keySet()));
    }

    @Test
    void zeroGradClearsEveryParameter() {
        MLP net = MLP.of(3, 4, 2).seed(1);
        net.forward(Tensor.ones(2, 3)).sum().backward();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() != null));
        net.zeroGrad();
        assertTrue(net.parameters().stream().allMatch(p -> p.grad() == null));
    }

    @Test
    void badSizesAndInputsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MLP.of(3));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MLP.of(3, 0, 1));
        assertTrue(e.getMessage().contains("[3, 0, 1]"), e.getMessage());
        MLP net = MLP.of(3, 2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.ones(5, 4)));
        assertTrue(e.getMessage().contains("Linear.forward") && e.getMessage().contains("[5, 4]")
                && e.getMessage().contains("3 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2));
        assertTrue(e.getMessage().contains("in 0"), e.getMessage());
    }
}
