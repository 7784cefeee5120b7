package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Inverted dropout in training mode, the identity in eval mode, and mode switching through a model. */
class DropoutTest {
    @Test
    void trainingDropsAboutPAndScalesTheRest() {
        double p = 0.3;
        Dropout d = new Dropout(p, 42);
        Tensor x = Tensor.of(new Draw(1).uniform(20_000, 0.5, 1.5), 20_000);
        double[] y = d.forward(x).toArray();
        double[] xs = x.toArray();
        int dropped = 0;
        double sumIn = 0;
        double sumOut = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                dropped++;
            } else {
                assertEquals(xs[i] / (1 - p), y[i], 1e-15);
            }
            sumIn += xs[i];
            sumOut += y[i];
        }
        double sigma = Math.sqrt(p * (1 - p) / y.length);
        assertEquals(p, (double) dropped / y.length, 4 * sigma);
        assertEquals(1, sumOut / sumIn, 0.02); // inverted dropout keeps the expectation
    }

    @Test
    void gradientFlowsThroughTheSameMask() {
        Dropout d = new Dropout(0.5, 3);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
        Tensor y = d.forward(x);
        y.sum().backward();
        double[] g = x.grad().toArray();
        double[] out = y.toArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(out[i] == 0 ? 0 : 2, g[i], 0, "element " + i);
        }
    }

    @Test
    void evalIsTheIdentityAndTrainSwitchesBack() {
        Dropout d = new Dropout(0.5, 3);
        Tensor x = Tensor.ones(4, 5);
        d.eval();
        assertFalse(d.isTraining());
        assertSame(x, d.forward(x));
        d.train();
        assertTrue(d.isTraining());
        assertTrue(Arrays.stream(d.forward(x).toArray()).anyMatch(v -> v == 0));
    }

    @Test
    void sameSeedSameMasksAndFreshMasksEachCall() {
        Tensor x = Tensor.ones(50);
        Dropout a = new Dropout(0.5, 9);
        Dropout b = new Dropout(0.5, 9);
        double[] first = a.forward(x).toArray();
        assertArrayEquals(first, b.forward(x).toArray(), 0);
        assertFalse(Arrays.equals(first, a.forward(x).toArray()));
    }

    @Test
    void edgeProbabilities() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 3);
        assertSame(x, new Dropout(0, 1).forward(x));
        for (double bad : new double[] {1, 1.5, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(bad, 1));
            assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MLP.of(2, 2).dropout(1));
        assertTrue(e.getMessage().contains("MLP.dropout"), e.getMessage());
    }

    @Test
    void evalReachesDropoutInsideASequential() {
        Dropout d = new Dropout(0.9, 1);
        Sequential net = new Sequential(new Linear(3, 3, Init.XAVIER, new SplittableRandom(1)), ActivationModule.relu(), d,
                new Linear(3, 2, Init.XAVIER, new SplittableRandom(2)));
        net.eval();
        assertFalse(d.isTraining());
        Tensor x = Tensor.ones(2, 3);
        assertArrayEquals(net.forward(x).toArray(), net.forward(x).toArray(), 0);
        net.train();
        assertTrue(d.isTraining());
    }

    @Test
    void mlpDropoutOnlyInTrainingMode() {
        MLP plain = MLP.of(6, 32, 32, 2).seed(4);
        MLP dropped = MLP.of(6, 32, 32, 2).dropout(0.5).seed(4);
        Tensor x = new Draw(2).tensor(-1, 1, 5, 6);
        double[] a = dropped.forward(x).toArray();
        double[] b = dropped.forward(x).toArray();
        assertFalse(Arrays.equals(a, b), "fresh masks in training mode");
        assertFalse(Arrays.equals(a, plain.forward(x).toArray()));
        dropped.eval();
        assertArrayEquals(plain.forward(x).toArray(), dropped.forward(x).toArray(), 0);
        dropped.train();
        MLP again = MLP.of(6, 32, 32, 2).dropout(0.5).seed(4);
        assertArrayEquals(a, again.forward(x).toArray(), 0, "masks come from the seed");
    }
}
