package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.function.Function;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Loss#multiMargin(Tensor, int[], MultiMarginOptions)} with random p, margin, class
 * weights and reduction (value against a loop written from PyTorch's kernel, gradient against
 * finite differences away from the hinges), and unbatched [C] scores with one label for every
 * classification loss: the same as a batch of one, the per-sample term 0-d, and the refusals.
 */
class MultiMarginAndUnbatchedProperties {

    @Property(tries = 60)
    void multiMarginOptionsMatchTheLoopAndFiniteDifferences(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
                                                           @ForAll @IntRange(min = 2, max = 4) int c) {
        Draw r = new Draw(seed);
        Tensor scores = r.tensor(-2, 2, n, c);
        int[] labels = r.labels(n, c);
        int p = 1 + r.rng().nextInt(2);
        double margin = r.rng().nextDouble() * 3 - 0.5;
        double[] w = r.rng().nextBoolean() ? r.uniform(c, 0.2, 2) : null;
        Reduction red = Reduction.values()[r.rng().nextInt(3)];
        MultiMarginOptions o = MultiMarginOptions.defaults().p(p).margin(margin).weight(w).reduction(red);

        double[] x = scores.toArray();
        double[] terms = new double[n];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            for (int j = 0; j < c; j++) {
                double z = margin - x[i * c + y] + x[i * c + j];
                Assume.that(j == y || Math.abs(z) > 1e-3); // finite differences across a hinge lie
                if (j != y && z > 0) {
                    terms[i] += (p == 2 ? z * z : z) * (w == null ? 1 : w[y]) / c;
                }
            }
        }
        Tensor loss = Loss.multiMargin(scores, labels, o);
        double sum = 0;
        for (double t : terms) {
            sum += t;
        }
        double[] expected = red == Reduction.NONE ? terms : new double[] {red == Reduction.SUM ? sum : sum / n};
        assertArrayEquals(expected, loss.toArray(), 1e-12, o.toString());
        GradCheck.assertTensorGradients(v -> Loss.multiMargin(v.get(0), labels, o), scores);
    }

    @Property(tries = 60)
    void unbatchedScoresAreABatchOfOne(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int c) {
        Draw r = new Draw(seed);
        Tensor scores = r.tensor(-3, 3, c);
        int y = r.rng().nextInt(c);
        double[] w = r.rng().nextBoolean() ? r.uniform(c, 0.2, 2) : null;
        Reduction red = Reduction.values()[r.rng().nextInt(3)];
        Tensor q = r.tensor(0, 1, c);
        q = q.div(q.sum());
        Tensor probs = q;
        CrossEntropyOptions ce = CrossEntropyOptions.defaults().weight(w).labelSmoothing(r.rng().nextDouble() / 2)
                .reduction(red);
        NllOptions nll = NllOptions.defaults().weight(w).reduction(red);
        MultiMarginOptions mm = MultiMarginOptions.defaults().p(1 + r.rng().nextInt(2)).weight(w).reduction(red);
        int[] one = {y};
        assertBatchOfOne(s -> Loss.crossEntropy(s, one, ce), scores, red);
        assertBatchOfOne(s -> Loss.nll(s.logSoftmax(-1), one, nll), scores, red);
        assertBatchOfOne(s -> Loss.crossEntropy(s, s.dim() == 1 ? probs : probs.unsqueeze(0), ce), scores, red);
        double[] x = scores.toArray();
        boolean nearHinge = false;
        for (int j = 0; j < c; j++) {
            nearHinge |= j != y && Math.abs(1 - x[y] + x[j]) < 1e-3;
        }
        Assume.that(!nearHinge);
        assertBatchOfOne(s -> Loss.multiMargin(s, one, mm), scores, red);
    }

    /** f on [C] equals f on [1, C] (0-d for NONE where the batch gives [1]), and its gradient matches finite differences. */
    private static void assertBatchOfOne(Function<Tensor, Tensor> f, Tensor scores, Reduction red) {
        Tensor single = f.apply(scores);
        Tensor batch = f.apply(scores.unsqueeze(0));
        assertArrayEquals(new int[0], single.shape(), "unbatched result is 0-d");
        assertArrayEquals(red == Reduction.NONE ? new int[] {1} : new int[0], batch.shape());
        assertEquals(batch.toArray()[0], single.item(), 1e-14);
        GradCheck.assertTensorGradients(v -> f.apply(v.get(0)), scores);
    }

    @Example
    void badUnbatchedAndMultiMarginInputsAreRefused() {
        Tensor s = Tensor.zeros(3);
        refused(() -> Loss.crossEntropy(s, new int[] {0, 1}), "crossEntropy", "one label", "[3]");
        refused(() -> Loss.nll(s, new int[] {}), "nll", "one label");
        refused(() -> Loss.multiMargin(s, new int[] {0, 1}), "multiMargin", "one label");
        refused(() -> Loss.crossEntropy(s, new int[] {3}), "crossEntropy", "label 3");
        refused(() -> Loss.crossEntropy(s, Tensor.zeros(1, 3)), "crossEntropy", "[1, 3]");
        refused(() -> MultiMarginOptions.defaults().p(3), "multiMargin", "p = 3");
        refused(() -> MultiMarginOptions.defaults().margin(Double.NaN), "multiMargin", "NaN");
        refused(() -> Loss.multiMargin(Tensor.zeros(2, 3), new int[] {0, 1}, MultiMarginOptions.defaults().weight(1, 2)),
                "multiMargin", "2 entries", "3 classes");
        assertThrows(NullPointerException.class, () -> Loss.multiMargin(s, new int[] {0}, (MultiMarginOptions) null));
    }

    private static void refused(org.junit.jupiter.api.function.Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), e.getMessage() + " should mention " + m);
        }
    }
}
