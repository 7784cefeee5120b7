package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code Linear.forward(x, activation)}: the fused relu path equals the layer followed by
 * the activation, forward and in every parameter's gradient; the other activations and a
 * bias-free layer take the plain path.
 */
class LinearActivationTest {

    @Test
    void everyActivationEqualsForwardThenApply() {
        for (Activation a : Activation.values()) {
            for (boolean bias : new boolean[] {true, false}) {
                Linear fused = layer(bias), plain = layer(bias);
                Tensor x = Tensor.randn(new SplittableRandom(5), 6, 4);
                Tensor r = Tensor.randn(new SplittableRandom(6), 6, 3);
                Tensor yf = fused.forward(x, a), yp = a.apply(plain.forward(x));
                assertClose(yp.toArray(), yf.toArray(), a + " forward");
                yf.mul(r).sum().backward();
                yp.mul(r).sum().backward();
                assertClose(plain.weight().grad().toArray(), fused.weight().grad().toArray(), a + " dW");
                if (bias) {
                    assertClose(plain.bias().grad().toArray(), fused.bias().grad().toArray(), a + " db");
                }
                if (a == Activation.RELU && bias) {
                    assertEquals("linearRelu", yf.op());
                }
            }
        }
    }

    @Test
    void mlpHiddenLayersUseTheFusedOpAndStillCheckInputs() {
        MLP mlp = MLP.of(4, 5, 3);
        Tensor y = mlp.forward(Tensor.randn(new SplittableRandom(1), 2, 4));
        assertEquals("linear", y.op()); // identity output layer: linear only
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer(true).forward(Tensor.zeros(2, 7), Activation.RELU));
        assertTrue(e.getMessage().contains("Linear.forward") && e.getMessage().contains("4 features"), e.getMessage());
        assertThrows(NullPointerException.class, () -> layer(true).forward(Tensor.zeros(2, 4), null));
    }

    private static Linear layer(boolean bias) {
        Linear l = new Linear(4, 3, bias);
        l.reset(Init.XAVIER_UNIFORM, new SplittableRandom(11));
        if (bias) {
            l.bias().update(b -> {
                for (int i = 0; i < b.length; i++) {
                    b[i] = 0.1 * (i - 1); // some negative pre-activations, some positive
                }
            });
        }
        return l;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }
}
