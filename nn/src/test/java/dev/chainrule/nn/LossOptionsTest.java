package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The loss options' edge cases and refusals: each message names the loss, the values and what was expected. */
class LossOptionsTest {
    private static final Tensor LOGITS = Tensor.constant(new double[] {1, 2, 3, -1, 0, 1}, 2, 3);

    static String refusal(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + e.getMessage() + "' lacks '" + p + "'");
        }
        return e.getMessage();
    }

    @Test
    void everyLabelIgnoredGivesNaNWithAZeroGradientAsPyTorch() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, -1, 0, 1}, 2, 3);
        Tensor loss = Loss.crossEntropy(x, new int[] {-100, -100},
                CrossEntropyOptions.defaults().weight(1, 2, 3).labelSmoothing(0.5));
        assertTrue(Double.isNaN(loss.item()));
        loss.backward();
        assertArrayEquals(new double[6], x.grad().toArray());
        assertEquals(0, Loss.nll(x, new int[] {-100, -100}, Reduction.SUM).item());
        assertArrayEquals(new double[2], Loss.nll(x, new int[] {-100, -100}, Reduction.NONE).toArray());
    }

    @Test
    void theDefaultsAreTorchs() {
        // a label of -100 is ignored by default; the mean is then over the remaining sample
        double l0 = Loss.crossEntropy(LOGITS, new int[] {2, 0}, Reduction.NONE).toArray()[0];
        assertEquals(l0, Loss.crossEntropy(LOGITS, new int[] {2, -100}).item(), 1e-15);
        // a one-hot probability target is the class label
        assertEquals(Loss.crossEntropy(LOGITS, new int[] {2, 0}).item(),
                Loss.crossEntropy(LOGITS, Tensor.oneHot(new int[] {2, 0}, 3)).item(), 1e-15);
        // smoothing 1 is the uniform target
        assertEquals(Loss.crossEntropy(LOGITS, Tensor.full(1.0 / 3, 2, 3)).item(),
                Loss.crossEntropy(LOGITS, new int[] {2, 0}, CrossEntropyOptions.defaults().labelSmoothing(1)).item(),
                1e-15);
        // options are immutable: each call returns a new object, the old one unchanged
        CrossEntropyOptions d = CrossEntropyOptions.defaults();
        assertNotSame(d, d.labelSmoothing(0.2));
        assertEquals(0, d.labelSmoothing());
        double[] w = {1, 2, 3};
        CrossEntropyOptions o = d.weight(w);
        w[0] = 100;
        assertEquals(1, o.nll().weight()[0]);
    }

    @Test
    void classLossRefusalsNameTheLossAndWhatWasExpected() {
        refusal(() -> Loss.crossEntropy(LOGITS, new int[] {0, 1}, CrossEntropyOptions.defaults().weight(1, 2)),
                "crossEntropy", "weight has 2 entries", "[2, 3]", "3 classes");
        refusal(() -> Loss.nll(LOGITS, new int[] {0, 1}, NllOptions.defaults().weight(1, 2, 3, 4)),
                "nll", "weight has 4 entries", "one weight per class");
        refusal(() -> Loss.crossEntropy(LOGITS, new int[] {0, 3}), "crossEntropy", "label 3", "0..2", "-100");
        refusal(() -> Loss.nll(LOGITS, new int[] {-100, -1}, NllOptions.defaults().ignoreIndex(-100)),
                "nll", "label -1 of sample 1", "ignore index -100");
        refusal(() -> Loss.crossEntropy(LOGITS, new int[] {0, -100}, CrossEntropyOptions.defaults().ignoreIndex(-1)),
                "label -100", "ignore index -1");
        refusal(() -> CrossEntropyOptions.defaults().labelSmoothing(1.5), "crossEntropy", "[0, 1]", "1.5");
        refusal(() -> CrossEntropyOptions.defaults().labelSmoothing(-0.1), "labelSmoothing", "-0.1");
        refusal(() -> CrossEntropyOptions.defaults().labelSmoothing(Double.NaN), "NaN");
        refusal(() -> CrossEntropyOptions.defaults().weight(1, Double.NaN), "crossEntropy", "weight[1]", "NaN");
        refusal(() -> NllOptions.defaults().weight(Tensor.ones(2, 2)), "nll", "1-D", "[2, 2]");
        refusal(() -> Loss.crossEntropy(LOGITS, Tensor.ones(2, 4)), "crossEntropy", "[2, 4]", "[2, 3]",
                "logits' shape");
        refusal(() -> Loss.crossEntropy(LOGITS, Tensor.ones(2, 3), CrossEntropyOptions.defaults().ignoreIndex(0)),
                "crossEntropy", "ignoreIndex(0)", "class-probability");
        Tensor nd = Tensor.zeros(2, 3, 2, 2);
        refusal(() -> Loss.crossEntropy(nd, new int[7]), "crossEntropy", "[2, 3, 2, 2]", "8 samples",
                "[2, 2, 2]", "7 labels");
        refusal(() -> Loss.nll(Tensor.zeros(3), new int[] {0, 1, 2}), "nll", "[N, C]", "[3]");
        refusal(() -> Loss.nll(Tensor.zeros(0, 3), new int[0]), "nll", "empty");
    }

    @Test
    void binaryRefusalsNameTheLossAndWhatWasExpected() {
        Tensor x = Tensor.zeros(2, 3);
        Tensor t = Tensor.ones(2, 3);
        refusal(() -> Loss.binaryCrossEntropyWithLogits(x, t, BinaryCrossEntropyOptions.defaults().posWeight(1, 2)),
                "binaryCrossEntropyWithLogits", "posWeight of shape [2]", "[2, 3]");
        refusal(() -> Loss.binaryCrossEntropyWithLogits(x, t, BinaryCrossEntropyOptions.defaults()
                        .weight(Tensor.ones(3, 3))), "weight of shape [3, 3]", "does not broadcast");
        refusal(() -> Loss.binaryCrossEntropy(x, t, BinaryCrossEntropyOptions.defaults().posWeight(1, 2, 3)),
                "binaryCrossEntropy", "posWeight", "WithLogits");
        refusal(() -> BinaryCrossEntropyOptions.defaults().weight(1, Double.POSITIVE_INFINITY),
                "binaryCrossEntropy", "weight", "Infinity");
        refusal(() -> Loss.binaryCrossEntropyWithLogits(x, Tensor.ones(3, 2)), "[2, 3]", "[3, 2]");
    }

    @Test
    void scalarLossesGiveNoneAsTermsAndRefuseItWhenReducing() {
        List<Value> v = Value.listOf(0.2, 0.7);
        double[] t = {0, 1};
        refusal(() -> ScalarLoss.mse(v, t, Reduction.NONE), "mse", "NONE", "mseTerms");
        refusal(() -> ScalarLoss.binaryCrossEntropy(v, t, Reduction.NONE), "binaryCrossEntropyTerms");
        refusal(() -> ScalarLoss.crossEntropy(List.of(v), new int[] {1}, Reduction.NONE), "crossEntropyTerms");
        Tensor x = Tensor.constant(new double[] {0.2, 0.7}, 2);
        Tensor tt = Tensor.constant(t, 2);
        assertArrayEquals(Loss.mse(x, tt, Reduction.NONE).toArray(), data(ScalarLoss.mseTerms(v, t)), 1e-15);
        assertArrayEquals(Loss.binaryCrossEntropy(x, tt, Reduction.NONE).toArray(),
                data(ScalarLoss.binaryCrossEntropyTerms(v, t)), 1e-15);
        assertArrayEquals(Loss.binaryCrossEntropyWithLogits(x, tt, Reduction.NONE).toArray(),
                data(ScalarLoss.binaryCrossEntropyWithLogitsTerms(v, t)), 1e-15);
        refusal(() -> ScalarLoss.binaryCrossEntropy(Value.listOf(1.5), new double[] {1}, Reduction.MEAN),
                "binaryCrossEntropy", "1.5", "[0, 1]");
    }

    @Test
    void scalarOptionsAgreeOnEdgesAndRefuseAsTheTensorOnes() {
        List<Value> a = Value.listOf(1, 2, 3);
        List<Value> b = Value.listOf(-1, 0, 1);
        Value all = ScalarLoss.crossEntropy(List.of(a, b), new int[] {-100, -100}, Reduction.MEAN);
        assertTrue(Double.isNaN(all.data()));
        all.backward();
        assertEquals(0, a.get(0).grad());
        refusal(() -> ScalarLoss.crossEntropy(List.of(a, b), new int[] {0, 1}, CrossEntropyOptions.defaults().weight(1, 2)),
                "crossEntropy", "weight has 2 entries", "3 classes");
        refusal(() -> ScalarLoss.crossEntropy(List.of(a, b), new int[] {0, 3}, Reduction.SUM),
                "crossEntropy", "label 3 of sample 1", "0..2");
        refusal(() -> ScalarLoss.crossEntropy(List.of(a, Value.listOf(1, 2)), new int[] {0, 1}, Reduction.SUM),
                "crossEntropy", "sample 1 has 2 logits", "sample 0 has 3");
        refusal(() -> ScalarLoss.binaryCrossEntropyWithLogits(a, new double[] {0, 1, 1},
                        BinaryCrossEntropyOptions.defaults().posWeight(1, 2)),
                "binaryCrossEntropyWithLogits", "posWeight of shape [2]", "3 predictions");
        refusal(() -> ScalarLoss.binaryCrossEntropyWithLogits(a, new double[] {0, 1, 1},
                        BinaryCrossEntropyOptions.defaults().reduction(Reduction.NONE)),
                "binaryCrossEntropyWithLogitsTerms");
    }

    /** The scalar BCE floors each log at −100 as the tensor one (and PyTorch) do: p = 0 or 1 costs 100, not ∞. */
    @Test
    void saturatedBinaryCrossEntropyIsFiniteForScalarsAndTensors() {
        double[] p = {0, 1, 0, 1};
        double[] t = {1, 0, 0, 1};
        List<Value> v = Value.listOf(p);
        Value scalar = ScalarLoss.binaryCrossEntropy(v, t, Reduction.SUM);
        Tensor x = Tensor.of(p, 4);
        Tensor tensor = Loss.binaryCrossEntropy(x, Tensor.constant(t, 4), Reduction.SUM);
        assertEquals(200, scalar.data(), 0);
        assertEquals(200, tensor.item(), 0);
        scalar.backward();
        tensor.backward();
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(v.get(i).grad()), "gradient " + i);
            assertEquals(x.grad().toArray()[i], v.get(i).grad(), 0, "gradient " + i);
        }
    }

    static double[] data(List<Value> values) {
        return values.stream().mapToDouble(Value::data).toArray();
    }
}
