package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Loss values at known points, behaviour at the edges (p = 0 or 1, logit 0, margin 1), and errors for bad input. */
class LossTest {
    private static Tensor row(double... v) {
        return Tensor.of(v, 1, v.length);
    }

    private static Tensor vec(double... v) {
        return Tensor.of(v, v.length);
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void crossEntropyOfOneRowIsLogSumExpMinusTheTrueLogit() {
        // log(e + e² + e³) − 1, PyTorch's F.cross_entropy([[1, 2, 3]], [0])
        assertEquals(2.4076059644443806, Loss.crossEntropy(row(1, 2, 3), new int[] {0}).item(), 1e-15);
        assertEquals(0.40760596444438063, Loss.crossEntropy(row(1, 2, 3), new int[] {2}).item(), 1e-15);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        Tensor logits = row(1000, 0, -1000);
        assertEquals(0, Loss.crossEntropy(logits, new int[] {0}).item(), 0);
        assertEquals(2000, Loss.crossEntropy(logits, new int[] {2}).item(), 1e-9);
        Loss.crossEntropy(logits, new int[] {2}).backward();
        assertArrayEquals(new double[] {1, 0, -1}, logits.grad().toArray(), 1e-12);
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStableAndExactAtZero() {
        Tensor x = vec(1000, -1000, -1000, 0);
        Tensor t = Tensor.constant(new double[] {0, 1, 0, 1}, 4);
        Tensor loss = Loss.binaryCrossEntropyWithLogits(x, t, Reduction.SUM);
        assertEquals(2000 + Math.log(2), loss.item(), 1e-9);
        loss.backward();
        // sigmoid(x) − t; at x = 0 that is ½ − 1, not a relu/abs subgradient
        assertArrayEquals(new double[] {1, -1, 0, -0.5}, x.grad().toArray(), 1e-15);
    }

    @Test
    void binaryCrossEntropyAgreesWithTheLogitFormOnSigmoids() {
        double[] z = {-3, -0.5, 0, 0.7, 2.5};
        Tensor t = Tensor.constant(new double[] {1, 0, 1, 1, 0}, 5);
        Tensor logits = vec(z);
        double viaProbabilities = Loss.binaryCrossEntropy(logits.sigmoid(), t).item();
        assertEquals(Loss.binaryCrossEntropyWithLogits(logits, t).item(), viaProbabilities, 1e-14);
    }

    @Test
    void binaryCrossEntropyOfCertainWrongAnswerIsHundredNotInfinity() {
        Tensor p = vec(0, 1);
        Tensor t = Tensor.constant(new double[] {1, 0}, 2);
        Tensor loss = Loss.binaryCrossEntropy(p, t, Reduction.SUM);
        assertEquals(200, loss.item(), 1e-12); // PyTorch clamps each log at −100
        loss.backward();
        for (double g : p.grad().toArray()) {
            assertTrue(Double.isFinite(g), "gradient " + g);
        }
    }

    @Test
    void hingeIsZeroBeyondTheMargin() {
        Tensor s = vec(2, 0.5, -3, 0.5);
        Tensor y = Tensor.constant(new double[] {1, 1, -1, -1}, 4);
        assertEquals(0 + 0.5 + 0 + 1.5, Loss.hinge(s, y, Reduction.SUM).item(), 0);
        Loss.hinge(s, y).backward();
        assertArrayEquals(new double[] {0, -0.25, 0, 0.25}, s.grad().toArray(), 0);
    }

    @Test
    void shapeMismatchNamesTheLossAndBothShapes() {
        assertMessage(() -> Loss.mse(Tensor.zeros(3, 1), Tensor.zeros(3)), "mse", "[3, 1]", "[3]");
        assertMessage(() -> Loss.binaryCrossEntropyWithLogits(Tensor.zeros(2), Tensor.zeros(3)),
                "binaryCrossEntropyWithLogits", "[2]", "[3]");
        assertMessage(() -> Loss.hinge(Tensor.zeros(2, 2), Tensor.ones(4)), "hinge", "[2, 2]", "[4]");
    }

    @Test
    void badLabelsAreNamed() {
        Tensor logits = Tensor.zeros(3, 4);
        assertMessage(() -> Loss.crossEntropy(logits, new int[] {0, 4, 1}), "crossEntropy", "label 4", "sample 1", "0..3");
        assertMessage(() -> Loss.nll(logits, new int[] {0, 1, -1}), "nll", "label -1", "sample 2");
        assertMessage(() -> Loss.crossEntropy(logits, new int[] {0, 1}), "2 labels", "[3, 4]");
        assertMessage(() -> Loss.crossEntropy(Tensor.scalar(1), new int[] {0}), "[]", "[N, C]"); // [C] is unbatched, as PyTorch
        assertMessage(() -> Loss.crossEntropy(Tensor.zeros(4), new int[] {0, 1}), "[4]", "one label");
        assertMessage(() -> Loss.hinge(Tensor.zeros(2), Tensor.constant(new double[] {1, 0}, 2)), "0.0", "index 1",
                "-1 or +1");
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRefused() {
        assertMessage(() -> Loss.binaryCrossEntropy(vec(0.5, 1.5), Tensor.ones(2)), "probability 1.5", "index 1",
                "binaryCrossEntropyWithLogits");
    }
}
