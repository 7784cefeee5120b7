package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every tensor loss on random shapes and data: the value agrees with a plain loop over the
 * definition, and the gradient (in predictions, and in targets where the loss is smooth in
 * them) with central finite differences; the smooth class losses also to second order.
 */
class LossOracleProperties {
    private static final double TOL = 1e-12;

    private static int[] shape(int rank, int a, int b, int c) {
        return Arrays.copyOf(new int[] {a, b, c}, rank);
    }

    private static Reduction reduction(boolean sum) {
        return sum ? Reduction.SUM : Reduction.MEAN;
    }

    private static double reduce(double total, int n, Reduction r) {
        return r == Reduction.SUM ? total : total / n;
    }

    /** {@code term(aᵢ, bᵢ)} summed over the elements by a plain loop, then reduced by {@code r}. */
    private static double elementwise(Tensor a, Tensor b, DoubleBinaryOperator term, Reduction r) {
        double[] ad = a.toArray();
        double[] bd = b.toArray();
        double total = 0;
        for (int i = 0; i < ad.length; i++) {
            total += term.applyAsDouble(ad[i], bd[i]);
        }
        return reduce(total, ad.length, r);
    }

    @Property(tries = 40)
    void mse(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int a,
             @ForAll @IntRange(min = 1, max = 4) int b, @ForAll @IntRange(min = 1, max = 4) int c,
             @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        int[] s = shape(rank, a, b, c);
        Tensor o = draw.tensor(-2, 2, s);
        Tensor t = draw.tensor(-2, 2, s);
        Reduction r = reduction(sum);
        assertEquals(elementwise(o, t, (x, y) -> (x - y) * (x - y), r), Loss.mse(o, t, r).item(), TOL);
        GradCheck.assertTensorGradients(in -> Loss.mse(in.get(0), in.get(1), r), o, t);
    }

    @Property(tries = 40)
    void halfSumSquaredError(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int a,
                             @ForAll @IntRange(min = 1, max = 4) int b, @ForAll @IntRange(min = 1, max = 4) int c,
                             @ForAll long seed) {
        Draw draw = new Draw(seed);
        int[] s = shape(rank, a, b, c);
        Tensor o = draw.tensor(-2, 2, s);
        Tensor t = draw.tensor(-2, 2, s);
        double total = elementwise(o, t, (x, y) -> (y - x) * (y - x), Reduction.SUM);
        assertEquals(0.5 * total, Loss.halfSumSquaredError(o, t).item(), TOL);
        GradCheck.assertTensorGradients(in -> Loss.halfSumSquaredError(in.get(0), in.get(1)), o, t);
    }

    @Property(tries = 40)
    void binaryCrossEntropy(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int a,
                            @ForAll @IntRange(min = 1, max = 4) int b, @ForAll @IntRange(min = 1, max = 4) int c,
                            @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        int[] s = shape(rank, a, b, c);
        Tensor p = draw.tensor(0.05, 0.95, s);
        Tensor t = draw.tensor(0, 1, s);
        Reduction r = reduction(sum);
        double expected = elementwise(p, t, (q, y) -> -(y * Math.log(q) + (1 - y) * Math.log(1 - q)), r);
        assertEquals(expected, Loss.binaryCrossEntropy(p, t, r).item(), TOL);
        GradCheck.assertTensorGradients(in -> Loss.binaryCrossEntropy(in.get(0), in.get(1), r), p, t);
    }

    @Property(tries = 40)
    void binaryCrossEntropyWithLogits(@ForAll @IntRange(min = 1, max = 3) int rank,
                                      @ForAll @IntRange(min = 1, max = 4) int a, @ForAll @IntRange(min = 1, max = 4) int b,
                                      @ForAll @IntRange(min = 1, max = 4) int c, @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        int[] s = shape(rank, a, b, c);
        Tensor x = draw.tensor(-6, 6, s);
        Tensor t = draw.tensor(0, 1, s);
        Reduction r = reduction(sum);
        double expected = elementwise(x, t, (z, y) -> {
            double p = 1 / (1 + Math.exp(-z));
            return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
        }, r);
        assertEquals(expected, Loss.binaryCrossEntropyWithLogits(x, t, r).item(), 1e-10);
        GradCheck.assertTensorGradients(in -> Loss.binaryCrossEntropyWithLogits(in.get(0), in.get(1), r), x, t);
        GradCheck.assertTensorSecondOrder(in -> Loss.binaryCrossEntropyWithLogits(in.get(0), in.get(1), r), x, t);
    }

    @Property(tries = 40)
    void hinge(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 4) int a,
               @ForAll @IntRange(min = 1, max = 4) int b, @ForAll @IntRange(min = 1, max = 4) int c,
               @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        int[] s = shape(rank, a, b, c);
        Tensor y = draw.signs(s);
        double[] yd = y.toArray();
        // scores away from the kink y·s = 1, where finite differences straddle two slopes
        double[] sd = draw.uniform(yd.length, -2, 2);
        for (int i = 0; i < sd.length; i++) {
            if (Math.abs(1 - yd[i] * sd[i]) < 0.01) {
                sd[i] += 0.1;
            }
        }
        Tensor scores = Tensor.constant(sd, s);
        Reduction r = reduction(sum);
        assertEquals(elementwise(scores, y, (z, sign) -> Math.max(0, 1 - sign * z), r), Loss.hinge(scores, y, r).item(),
                TOL);
        GradCheck.assertTensorGradients(in -> Loss.hinge(in.get(0), y, r), scores);
    }

    @Property(tries = 40)
    void crossEntropy(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 5) int classes,
                      @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Tensor logits = draw.tensor(-4, 4, batch, classes);
        int[] labels = draw.labels(batch, classes);
        Reduction r = reduction(sum);
        double[] z = logits.toArray();
        double total = 0;
        for (int i = 0; i < batch; i++) {
            double norm = 0;
            for (int k = 0; k < classes; k++) {
                norm += Math.exp(z[i * classes + k]);
            }
            total -= z[i * classes + labels[i]] - Math.log(norm);
        }
        assertEquals(reduce(total, batch, r), Loss.crossEntropy(logits, labels, r).item(), 1e-10);
        GradCheck.assertTensorGradients(in -> Loss.crossEntropy(in.get(0), labels, r), logits);
        GradCheck.assertTensorSecondOrder(in -> Loss.crossEntropy(in.get(0), labels, r), logits);
    }

    /** The gradient in the logits is (softmax − one-hot)/B, the textbook rule. */
    @Property(tries = 30)
    void crossEntropyGradientIsSoftmaxMinusOneHot(@ForAll @IntRange(min = 1, max = 5) int batch,
                                                 @ForAll @IntRange(min = 1, max = 5) int classes, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Tensor logits = Tensor.of(draw.uniform(batch * classes, -4, 4), batch, classes);
        int[] labels = draw.labels(batch, classes);
        Loss.crossEntropy(logits, labels).backward();
        double[] expected = logits.detach().softmax(1).sub(Tensor.oneHot(labels, classes)).div(batch).toArray();
        double[] got = logits.grad().toArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-14, "element " + i);
        }
    }

    @Property(tries = 40)
    void nll(@ForAll @IntRange(min = 1, max = 5) int batch, @ForAll @IntRange(min = 1, max = 5) int classes,
             @ForAll boolean sum, @ForAll long seed) {
        Draw draw = new Draw(seed);
        Tensor logProbs = draw.tensor(-5, 0, batch, classes);
        int[] labels = draw.labels(batch, classes);
        Reduction r = reduction(sum);
        double[] lp = logProbs.toArray();
        double total = 0;
        for (int i = 0; i < batch; i++) {
            total -= lp[i * classes + labels[i]];
        }
        assertEquals(reduce(total, batch, r), Loss.nll(logProbs, labels, r).item(), TOL);
        GradCheck.assertTensorGradients(in -> Loss.nll(in.get(0), labels, r), logProbs);
        // crossEntropy is nll after logSoftmax
        Tensor logits = draw.tensor(-3, 3, batch, classes);
        assertEquals(Loss.crossEntropy(logits, labels, r).item(), Loss.nll(logits.logSoftmax(1), labels, r).item(), TOL);
    }
}
