package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Value;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of the lecture notes, XOR, and reproducibility, on scalar nodes. */
class ScalarMLPTest {
    @Test
    void workedExampleOneSgdStep() {
        ScalarMLP net = WorkedExample.scalarNet();
        Layer hidden = net.layers().get(0);
        List<Value> h = hidden.forward(Arrays.stream(WorkedExample.X).mapToObj(Value::constant).toList());
        assertEquals(WorkedExample.HIDDEN_OUT[0], h.get(0).data(), 1e-12);
        assertEquals(WorkedExample.HIDDEN_OUT[1], h.get(1).data(), 1e-12);

        Optimizer sgd = SGD.of(net.parameters()).lr(WorkedExample.LR);
        sgd.zeroGrad();
        Value o6 = net.forward(WorkedExample.X).get(0);
        assertEquals(WorkedExample.OUT, o6.data(), 1e-12);
        ScalarLoss.halfSumSquaredError(List.of(o6), WorkedExample.TARGET).backward();
        // delta = −dE/dnet: the bias gradient of each unit is −delta
        assertEquals(WorkedExample.OUTPUT_DELTA, -net.layers().get(1).neurons().get(0).bias().grad(), 1e-12);
        assertEquals(WorkedExample.HIDDEN_DELTA[0], -hidden.neurons().get(0).bias().grad(), 1e-12);
        assertEquals(WorkedExample.HIDDEN_DELTA[1], -hidden.neurons().get(1).bias().grad(), 1e-12);
        sgd.step();

        Map<String, Parameter> p = net.namedParameters();
        assertArrayEquals(WorkedExample.byUnit(WorkedExample.NEW_HIDDEN_WEIGHTS), p.get("layers.0.weight").snapshot(),
                1e-12);
        assertArrayEquals(WorkedExample.NEW_HIDDEN_BIAS, p.get("layers.0.bias").snapshot(), 1e-12);
        assertArrayEquals(WorkedExample.NEW_OUTPUT_WEIGHTS, p.get("layers.1.weight").snapshot(), 1e-12);
        assertArrayEquals(WorkedExample.NEW_OUTPUT_BIAS, p.get("layers.1.bias").snapshot(), 1e-12);
        assertEquals(WorkedExample.NEW_OUT, net.forward(WorkedExample.X).get(0).data(), 1e-12);
    }

    @Test
    void learnsXorWithTwoTwoOneSigmoidNet() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] t = {0, 1, 1, 0};
        ScalarMLP net = ScalarMLP.of(2, 2, 1).activation(Activation.SIGMOID).outputActivation(Activation.SIGMOID)
                .init(Init.uniform(-1, 1)).seed(3);
        Optimizer opt = SGD.of(net.parameters()).lr(0.5).momentum(0.9);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int epoch = 0; epoch < 2000; epoch++) {
            opt.zeroGrad();
            Value loss = Value.constant(0);
            for (int i = 0; i < 4; i++) {
                loss = loss.add(ScalarLoss.halfSumSquaredError(net.forward(x[i]), t[i]));
            }
            loss.backward();
            opt.step();
            if (epoch == 0) {
                first = loss.data();
            }
            last = loss.data();
        }
        assertTrue(last < 0.01 && last < first / 10, "loss went from " + first + " to " + last);
        for (int i = 0; i < 4; i++) {
            double o = net.forward(x[i]).get(0).data();
            assertEquals(t[i], Math.round(o), "XOR" + java.util.Arrays.toString(x[i]) + " gave " + o);
        }
    }

    @Test
    void sameSeedSameModelBitForBit() {
        ScalarMLP a = ScalarMLP.of(4, 8, 3).init(Init.HE).seed(11);
        ScalarMLP b = ScalarMLP.of(4, 8, 3).seed(11).init(Init.HE).activation(Activation.TANH);
        ScalarMLP c = ScalarMLP.of(4, 8, 3).init(Init.HE).seed(12);
        for (String name : a.namedParameters().keySet()) {
            assertArrayEquals(a.namedParameters().get(name).snapshot(), b.namedParameters().get(name).snapshot(), 0, name);
        }
        assertFalse(java.util.Arrays.equals(a.namedParameters().get("layers.0.weight").snapshot(),
                c.namedParameters().get("layers.0.weight").snapshot()));
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, a.parameterCount());
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                List.copyOf(a.namedParameters().keySet()));
    }

    @Test
    void aNeuronIsOneDotNode() {
        Neuron n = new Neuron(1000, Activation.IDENTITY);
        List<Value> x = Value.listOf(new double[1000]);
        Value out = n.forward(x);
        assertEquals("dot", out.op());
        assertEquals(2 * 1001, out.inputs().size()); // 1000 weights + bias, against 1000 inputs + the constant 1
    }

    @Test
    void wrongInputCountIsAClearError() {
        ScalarMLP net = ScalarMLP.of(3, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(1, 2));
        assertTrue(e.getMessage().contains("2 inputs"), e.getMessage());
    }
}
