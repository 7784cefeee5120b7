package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Anomaly;
import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Anomaly messages for graphs built inside nn name the user's line (here, this test's), not
 * a line of Linear or MLP: nn is library code to the creation site, as autograd is.
 */
class AnomalyInLayersTest {
    @Test
    void aLayersForwardAnomalyIsPlacedAtTheCallersLine() {
        MLP net = MLP.of(2, 3, 1).seed(1);
        Tensor x = Tensor.constant(new double[] {Double.NaN, 1}, 1, 2);
        try (var detect = Anomaly.detect()) {
            int line = new Throwable().getStackTrace()[0].getLineNumber(); ArithmeticException e = assertThrows(ArithmeticException.class, () -> net.forward(x));
            String m = e.getMessage();
            assertTrue(m.startsWith("anomaly: forward of 'linearRelu'"), m);
            assertTrue(m.contains("AnomalyInLayersTest.java:" + line + ")"), m);
        }
    }
}
