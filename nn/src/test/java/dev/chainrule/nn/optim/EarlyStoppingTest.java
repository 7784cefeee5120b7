package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patience, min-delta and restoring the best weights. */
class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceAndRestoresBest() {
        Tensor w = Tensor.of(new double[] {0}, 1);
        Parameter p = Parameter.of(w);
        EarlyStopping stop = EarlyStopping.of(List.of(p)).patience(2).minDelta(0.01).restoreBestWeights(true);
        double[] losses = {1.0, 0.5, 0.495, 0.7};
        boolean[] expectStop = {false, false, false, true};
        for (int e = 0; e < losses.length; e++) {
            double epoch = e + 1;
            w.update(a -> a[0] = epoch);  // the weights of epoch e
            assertEquals(expectStop[e], stop.update(losses[e]), "epoch " + e);
        }
        assertEquals(0.5, stop.bestLoss());
        assertEquals(1, stop.bestEpoch());
        assertArrayEquals(new double[] {2}, w.toArray(), 0, "weights of the best epoch (1) are back");
    }

    @Test
    void improvementResetsPatienceAndNoRestoreKeepsWeights() {
        Tensor w = Tensor.of(new double[] {0}, 1);
        EarlyStopping stop = EarlyStopping.of(List.of(Parameter.of(w))).patience(2);
        assertFalse(stop.update(3));
        assertFalse(stop.update(3));
        assertFalse(stop.update(2));
        assertFalse(stop.update(2.5));
        w.update(a -> a[0] = 9);
        assertTrue(stop.update(2.1));
        assertEquals(9, w.toArray()[0]);
        assertTrue(stop.stopped());
    }
}
