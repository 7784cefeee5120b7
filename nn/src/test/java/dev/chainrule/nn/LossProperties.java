package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every loss's gradient against central finite differences (GradCheck) on random shapes,
 * values and labels, for both reductions; values against direct formulas; stability at
 * logits of ±1000; shape errors.
 */
class LossProperties {
    static Reduction reduction(long seed) {
        return (seed & 1) == 0 ? Reduction.MEAN : Reduction.SUM;
    }

    @Property(tries = 40)
    void mseGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 1, max = 4) int c,
                      @ForAll long seed) {
        Draw r = new Draw(seed);
        GradCheck.assertTensorGradients(v -> Loss.mse(v.get(0), v.get(1), reduction(seed)),
                r.tensor(-2, 2, n, c), r.tensor(-2, 2, n, c));
    }

    @Property(tries = 40)
    void halfSumSquaredErrorGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        GradCheck.assertTensorGradients(v -> Loss.halfSumSquaredError(v.get(0), v.get(1)),
                r.tensor(-2, 2, n, 2), r.tensor(-2, 2, n, 2));
    }

    @Property(tries = 40)
    void binaryCrossEntropyGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        GradCheck.assertTensorGradients(v -> Loss.binaryCrossEntropy(v.get(0), v.get(1), reduction(seed)),
                r.tensor(0.05, 0.95, n, 3), r.tensor(0, 1, n, 3));
    }

    @Property(tries = 40)
    void binaryCrossEntropyWithLogitsGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        GradCheck.assertTensorGradients(v -> Loss.binaryCrossEntropyWithLogits(v.get(0), v.get(1), reduction(seed)),
                r.tensor(-5, 5, n, 3), r.tensor(0, 1, n, 3));
    }

    @Property(tries = 40)
    void crossEntropyGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 2, max = 5) int c,
                               @ForAll long seed) {
        Draw r = new Draw(seed);
        int[] y = r.labels(n, c);
        GradCheck.assertTensorGradients(v -> Loss.crossEntropy(v.get(0), y, reduction(seed)), r.tensor(-4, 4, n, c));
    }

    @Property(tries = 40)
    void nllGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 2, max = 5) int c,
                      @ForAll long seed) {
        Draw r = new Draw(seed);
        int[] y = r.labels(n, c);
        GradCheck.assertTensorGradients(v -> Loss.nll(v.get(0), y, reduction(seed)), r.tensor(-4, 0, n, c));
    }

    @Property(tries = 40)
    void hingeGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        Tensor s = r.tensor(-3, 3, n, 2);
        Tensor labels = r.signs(n, 2);
        double[] y = labels.toArray();
        for (int i = 0; i < y.length; i++) {
            Assume.that(Math.abs(1 - y[i] * s.toArray()[i]) > 1e-3); // away from the kink
        }
        GradCheck.assertTensorGradients(v -> Loss.hinge(v.get(0), labels, reduction(seed)), s);
    }

    @Property(tries = 40)
    void multiMarginGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 2, max = 4) int c,
                              @ForAll long seed) {
        Draw r = new Draw(seed);
        Tensor s = r.tensor(-2, 2, n, c);
        int[] y = r.labels(n, c);
        double[] d = s.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                Assume.that(j == y[i] || Math.abs(1 - d[i * c + y[i]] + d[i * c + j]) > 1e-3);
            }
        }
        GradCheck.assertTensorGradients(v -> Loss.multiMargin(v.get(0), y, reduction(seed)), s);
    }

    /** The smooth losses are graph ops all the way down, so their gradients differentiate again. */
    @Property(tries = 15)
    void smoothLossesHaveSecondOrderGradients(@ForAll @IntRange(min = 1, max = 3) int n,
                                              @ForAll @IntRange(min = 2, max = 4) int c, @ForAll long seed) {
        Draw r = new Draw(seed);
        int[] y = r.labels(n, c);
        Tensor t = r.tensor(0, 1, n, c);
        Reduction red = reduction(seed);
        GradCheck.assertTensorSecondOrder(v -> Loss.crossEntropy(v.get(0), y, red), r.tensor(-3, 3, n, c));
        GradCheck.assertTensorSecondOrder(v -> Loss.binaryCrossEntropyWithLogits(v.get(0), t, red), r.tensor(-3, 3, n, c));
        GradCheck.assertTensorSecondOrder(v -> Loss.binaryCrossEntropy(v.get(0), t, red), r.tensor(0.1, 0.9, n, c));
        GradCheck.assertTensorSecondOrder(v -> Loss.mse(v.get(0), t, red), r.tensor(-3, 3, n, c));
    }

    @Property(tries = 30)
    void scalarLossGradients(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        Draw r = new Draw(seed);
        double[] x = new double[n];
        double[] t = new double[n];
        double[] pm = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 + 0.8 * r.rng().nextDouble();
            t[i] = r.rng().nextDouble();
            pm[i] = r.rng().nextBoolean() ? 1 : -1;
            Assume.that(Math.abs(1 - pm[i] * x[i]) > 1e-3);
        }
        Reduction red = reduction(seed);
        GradCheck.assertGradients(v -> ScalarLoss.halfSumSquaredError(v, t), x);
        GradCheck.assertGradients(v -> ScalarLoss.mse(v, t, red), x);
        GradCheck.assertGradients(v -> ScalarLoss.binaryCrossEntropy(v, t, red), x);
        GradCheck.assertGradients(v -> ScalarLoss.binaryCrossEntropyWithLogits(v, t, red), x);
        GradCheck.assertGradients(v -> ScalarLoss.hinge(v, pm, red), x);
    }

    @Property(tries = 30)
    void scalarCrossEntropyMatchesTheTensorOneAndChecks(@ForAll @IntRange(min = 1, max = 3) int n,
                                                        @ForAll @IntRange(min = 2, max = 4) int c, @ForAll long seed) {
        Draw r = new Draw(seed);
        Tensor logits = r.tensor(-4, 4, n, c);
        int[] y = r.labels(n, c);
        Reduction red = reduction(seed);
        java.util.function.Function<List<Value>, Value> f = v -> {
            List<List<Value>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(v.subList(i * c, (i + 1) * c));
            }
            return ScalarLoss.crossEntropy(rows, y, red);
        };
        GradCheck.assertGradients(f, logits.toArray());
        assertEquals(Loss.crossEntropy(logits, y, red).item(), f.apply(Value.listOf(logits.toArray())).data(), 1e-12);
    }

    @Test
    void valuesMatchTheFormulas() {
        Tensor logits = Tensor.constant(new double[] {1, 2, 3, -1, 0, 1}, 2, 3);
        int[] y = {2, 0};
        double l0 = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double l1 = -Math.log(Math.exp(-1) / (Math.exp(-1) + Math.exp(0) + Math.exp(1)));
        assertEquals((l0 + l1) / 2, Loss.crossEntropy(logits, y).item(), 1e-14);
        assertEquals(l0 + l1, Loss.crossEntropy(logits, y, Reduction.SUM).item(), 1e-14);
        // multi-margin: sample 0: (max(0,1-3+1) + max(0,1-3+2))/3 = 0; sample 1: (max(0,1+1+0) + max(0,1+1+1))/3 = 5/3
        assertEquals(5.0 / 6, Loss.multiMargin(logits, y, Reduction.MEAN).item(), 1e-15);

        Tensor p = Tensor.constant(new double[] {0.2, 0.9}, 2);
        Tensor t = Tensor.constant(new double[] {0, 1}, 2);
        double bce = -(Math.log(0.8) + Math.log(0.9)) / 2;
        assertEquals(bce, Loss.binaryCrossEntropy(p, t, Reduction.MEAN).item(), 1e-15);
        Tensor x = Tensor.constant(new double[] {Math.log(0.2 / 0.8), Math.log(0.9 / 0.1)}, 2);
        assertEquals(bce, Loss.binaryCrossEntropyWithLogits(x, t, Reduction.MEAN).item(), 1e-14);
        assertEquals(0.5 * (0.04 + 0.01), Loss.halfSumSquaredError(p, t).item(), 1e-15);
        assertEquals((0.04 + 0.01) / 2, Loss.mse(p, t).item(), 1e-15);
        Tensor s = Tensor.constant(new double[] {0.5, -2}, 2);
        Tensor pm = Tensor.constant(new double[] {1, 1}, 2);
        assertEquals((0.5 + 3) / 2, Loss.hinge(s, pm, Reduction.MEAN).item(), 1e-15);
    }

    @Test
    void stableAtHugeLogits() {
        Tensor logits = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 0}, 2, 3);
        Tensor ce = Loss.crossEntropy(logits, new int[] {1, 1});
        assertEquals(1000, ce.item(), 1e-9); // sample 0 pays 2000, sample 1 nothing
        ce.backward();
        for (double g : logits.grad().toArray()) {
            assertTrue(Double.isFinite(g));
        }
        Tensor x = Tensor.of(new double[] {1000, -1000}, 2);
        Tensor bce = Loss.binaryCrossEntropyWithLogits(x, Tensor.constant(new double[] {0, 1}, 2), Reduction.SUM);
        assertEquals(2000, bce.item(), 1e-9);
        bce.backward();
        assertEquals(1, x.grad().toArray()[0], 1e-12);
        assertEquals(-1, x.grad().toArray()[1], 1e-12);
        Tensor p = Tensor.constant(new double[] {0, 1}, 2);
        assertEquals(100, Loss.binaryCrossEntropy(p, Tensor.constant(new double[] {1, 0}, 2), Reduction.MEAN).item(), 0);
        List<Value> big = new ArrayList<>(List.of(Value.of(1000), Value.of(-1000)));
        assertEquals(2000, ScalarLoss.binaryCrossEntropyWithLogits(big, new double[] {0, 1}, Reduction.SUM).data(), 1e-9);
        assertEquals(2000, ScalarLoss.crossEntropy(big, 1).data(), 1e-9);
    }

    @Test
    void badShapesAndLabelsAreNamed() {
        Tensor a = Tensor.constant(new double[6], 2, 3);
        Tensor b = Tensor.constant(new double[3], 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.mse(a, b));
        assertTrue(e.getMessage().contains("mse") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy(a, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.nll(a, new int[] {0}, Reduction.MEAN));
        assertTrue(e.getMessage().contains("2 samples") && e.getMessage().contains("1 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy(b, new int[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("[N, C]"), e.getMessage());
    }
}
