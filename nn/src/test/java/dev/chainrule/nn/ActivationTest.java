package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import org.junit.jupiter.api.Test;

/** Activations agree between Values and tensors; softmax rows sum to 1; metrics. */
class ActivationTest {
    static final double[] X = {-2.5, -0.3, 0, 0.7, 3};

    @Test
    void scalarAndTensorActivationsAgree() {
        for (Activation a : Activation.values()) {
            if (a == Activation.SOFTMAX) {
                continue;
            }
            double[] t = new ActivationModule(a).forward(Tensor.constant(X, X.length)).toArray();
            for (int i = 0; i < X.length; i++) {
                assertEquals(a.apply(Value.constant(X[i])).data(), t[i], 1e-15, a + " at " + X[i]);
            }
        }
        assertEquals(-0.025, Activation.LEAKY_RELU.apply(Value.constant(-2.5)).data(), 1e-15);
    }

    @Test
    void softmaxIsTensorOnly() {
        double[] s = ActivationModule.softmax().forward(Tensor.constant(new double[] {1, 2, 3, 0, 0, 0}, 2, 3)).toArray();
        assertEquals(1, s[0] + s[1] + s[2], 1e-15);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, new double[] {s[3], s[4], s[5]}, 1e-15);
        assertThrows(UnsupportedOperationException.class, () -> Activation.SOFTMAX.apply(Value.of(1)));
    }

    @Test
    void argmaxAndAccuracy() {
        Tensor scores = Tensor.constant(new double[] {0, 5, 1, 9, 2, 2, 1, 1, 1}, 3, 3);
        assertArrayEquals(new int[] {1, 0, 0}, Metrics.argmax(scores));
        assertEquals(2 / 3.0, Metrics.accuracy(scores, new int[] {1, 0, 2}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(scores, new int[] {1}));
    }
}
