package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Value;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A layer shares one inputs-plus-one list among its neurons; the outputs are each neuron's own. */
class LayerForwardTest {

    @Test
    void layerOutputsAreTheNeuronsOutputsAndGradientsReachEveryWeight() {
        Layer layer = new Layer(3, 4, Activation.TANH).reset(Init.XAVIER_UNIFORM, new SplittableRandom(7));
        List<Value> x = Value.listOf(0.3, -1.2, 0.8);
        List<Value> out = layer.forward(x);
        assertEquals(4, out.size());
        for (int j = 0; j < 4; j++) {
            assertEquals(layer.neurons().get(j).forward(x).data(), out.get(j).data(), 0.0, "neuron " + j);
        }
        Value.sum(out).backward();
        for (Neuron n : layer.neurons()) {
            double t = n.forward(x).data();
            // d tanh(w·x + b)/db = 1 - tanh², and each weight's gradient is that times its input
            assertEquals(1 - t * t, n.bias().grad(), 1e-12);
            for (int i = 0; i < 3; i++) {
                assertEquals((1 - t * t) * x.get(i).data(), n.weights().get(i).grad(), 1e-12);
            }
        }
    }

    @Test
    void wrongInputCountNamesTheLayerAndBothSizes() {
        Layer layer = new Layer(3, 2, Activation.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Value.listOf(1, 2)));
        assertTrue(e.getMessage().contains("Layer.forward") && e.getMessage().contains("2 inputs")
                && e.getMessage().contains("3 weights"), e.getMessage());
        assertThrows(NullPointerException.class, () -> layer.forward(null));
    }
}
