package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tensor MLP step for step against the scalar one, XOR with tanh and logits, naming, zeroGrad, errors. */
class TensorMLPTest {
    @Test
    void workedExampleMatchesTheScalarNetStepForStep() {
        MLP net = WorkedExample.tensorNet();
        ScalarMLP scalar = WorkedExample.scalarNet();
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
    void parametersAreNamedLikePyTorchAndFitTheOptimizers() {
        MLP net = MLP.of(4, 8, 3);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertArrayEquals(new int[] {8, 4}, net.namedParameters().get("layers.0.weight").shape()); // [out, in]
        assertEquals(4 * 8 + 8 + 8 * 3 + 3, net.parameterCount());
        assertSame(net.namedParameters().get("layers.1.bias"), net.namedParameters().get("layers.1.bias"));
        assertSame(net.layers().get(1).bias(), net.namedTensors().get("layers.1.bias"));
        Sequential seq = new Sequential(new Linear(4, 8, true), ActivationModule.relu(), new Linear(8, 3, true));
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
        e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 2, true));
        assertTrue(e.getMessage().contains("in 0"), e.getMessage());
    }
}
