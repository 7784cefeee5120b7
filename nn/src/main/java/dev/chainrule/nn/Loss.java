package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Losses on tensors, composed of graph ops so the engine differentiates them (to any order)
 * and the property tests check them like every other op. Predictions and targets must have
 * the same shape (no silent broadcasting); class labels are {@code int[]}, one per row.
 * Every loss takes a {@link Reduction} (the overloads without one use {@link Reduction#MEAN},
 * PyTorch's default; the mean is over all elements, or over rows for class losses).
 *
 * <pre>{@code
 * Tensor loss = Loss.crossEntropy(net.forward(x), labels);   // logits [B, C], labels in [0, C)
 * loss.backward();
 * }</pre>
 */
public final class Loss {
    /**
     * The smallest probability whose log the probability losses take: log(e^−100) = −100 is
     * PyTorch's floor for {@code binary_cross_entropy}, so a confident wrong answer costs 100,
     * not infinity, and the gradient stays finite.
     */
    static final double MIN_PROBABILITY = Math.exp(-100);

    private Loss() {
    }

    // ---------------------------------------------------------------- regression

    /** Mean of (oᵢ − tᵢ)² over all elements. */
    public static Tensor mse(Tensor predictions, Tensor targets) {
        return mse(predictions, targets, Reduction.MEAN);
    }

    /** Mean or sum of (oᵢ − tᵢ)² over all elements. */
    public static Tensor mse(Tensor predictions, Tensor targets, Reduction reduction) {
        sameShape("mse", predictions, targets);
        Tensor d = predictions.sub(targets);
        return reduce(d.mul(d), reduction);
    }

    /**
     * ½ Σ (tᵢ − oᵢ)² over all elements: the lecture notes' error E, whose gradient in oᵢ is
     * oᵢ − tᵢ (so δ = −dE/dnet comes out as in the notes).
     */
    public static Tensor halfSumSquaredError(Tensor predictions, Tensor targets) {
        sameShape("halfSumSquaredError", predictions, targets);
        Tensor d = predictions.sub(targets);
        return d.mul(d).sum().mul(0.5);
    }

    // ---------------------------------------------------------------- binary classification

    /** {@link #binaryCrossEntropy(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor targets) {
        return binaryCrossEntropy(probabilities, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy on probabilities pᵢ ∈ [0, 1] (e.g. sigmoid outputs) with targets
     * tᵢ, usually in [0, 1] (not checked, as PyTorch): −[tᵢ log pᵢ + (1 − tᵢ) log(1 − pᵢ)], each log taken of its argument
     * clamped to at least e^−100, so p = 0 or 1 gives a finite loss and gradient (PyTorch's
     * rule). On logits prefer {@link #binaryCrossEntropyWithLogits}, which is exact there.
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor targets, Reduction reduction) {
        sameShape("binaryCrossEntropy", probabilities, targets);
        inUnitInterval("binaryCrossEntropy", "probability", probabilities);
        Tensor logP = probabilities.clamp(MIN_PROBABILITY, 1).log();
        Tensor logNotP = probabilities.neg().add(1).clamp(MIN_PROBABILITY, 1).log();
        Tensor notT = targets.neg().add(1);
        return reduce(targets.mul(logP).add(notT.mul(logNotP)).neg(), reduction);
    }

    /** {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        return binaryCrossEntropyWithLogits(logits, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of sigmoid(xᵢ) against tᵢ (usually in [0, 1]), computed from the logits as
     * softplus(x) − x·t = max(x, 0) − x·t + log(1 + e^−|x|): no exp overflows and no log of 0
     * for any logit, and the gradient is exactly sigmoid(x) − t, also at x = 0.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        sameShape("binaryCrossEntropyWithLogits", logits, targets);
        // softplus is one op with derivative sigmoid(x); composing relu and abs would give
        // the wrong subgradient at x = 0 (−t instead of ½ − t)
        return reduce(logits.softplus().sub(logits.mul(targets)), reduction);
    }

    /** {@link #hinge(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor hinge(Tensor scores, Tensor labels) {
        return hinge(scores, labels, Reduction.MEAN);
    }

    /**
     * Max-margin (hinge) loss max(0, 1 − yᵢ·sᵢ) for labels yᵢ ∈ {−1, +1}: zero once a sample is
     * on the right side with margin 1. At exactly margin 1 the gradient is 0 (relu's choice).
     */
    public static Tensor hinge(Tensor scores, Tensor labels, Reduction reduction) {
        sameShape("hinge", scores, labels);
        double[] y = labels.toArray();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1 && y[i] != -1) {
                throw new IllegalArgumentException("hinge: label " + y[i] + " at flat index " + i
                        + " is not -1 or +1 (hinge labels are signs; map class 0 to -1)");
            }
        }
        return reduce(scores.mul(labels).neg().add(1).relu(), reduction);
    }

    // ---------------------------------------------------------------- multi-class classification

    /** {@link #crossEntropy(Tensor, int[], Reduction)} with the mean over rows. */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits [B, C] against class indices {@code labels[b]} ∈ [0, C):
     * −log softmax(logits[b])[labels[b]], through the stable log-softmax; the gradient in the
     * logits is softmax − one-hot (divided by B for the mean).
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        checkClassInput("crossEntropy", "logits", logits, labels);
        return pick(logits.logSoftmax(1), labels, reduction);
    }

    /** {@link #nll(Tensor, int[], Reduction)} with the mean over rows. */
    public static Tensor nll(Tensor logProbabilities, int[] labels) {
        return nll(logProbabilities, labels, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood: −logProbabilities[b][labels[b]] for log-probabilities [B, C]
     * (e.g. from {@code logSoftmax(1)}) and class indices in [0, C).
     */
    public static Tensor nll(Tensor logProbabilities, int[] labels, Reduction reduction) {
        checkClassInput("nll", "log-probabilities", logProbabilities, labels);
        return pick(logProbabilities, labels, reduction);
    }

    /** −x[b][labels[b]] per row, reduced. */
    private static Tensor pick(Tensor logProbs, int[] labels, Reduction reduction) {
        double[] index = new double[labels.length];
        for (int b = 0; b < labels.length; b++) {
            index[b] = labels[b];
        }
        Tensor picked = logProbs.gather(1, Tensor.constant(index, labels.length, 1));
        return reduce(picked.neg(), reduction);
    }

    // ---------------------------------------------------------------- checks and reduction

    private static Tensor reduce(Tensor terms, Reduction reduction) {
        Objects.requireNonNull(reduction, "loss: reduction is null (use Reduction.MEAN or Reduction.SUM)");
        return reduction == Reduction.SUM ? terms.sum() : terms.mean();
    }

    private static void sameShape(String op, Tensor predictions, Tensor targets) {
        Objects.requireNonNull(predictions, () -> op + ": predictions are null");
        Objects.requireNonNull(targets, () -> op + ": targets are null");
        if (!Arrays.equals(predictions.shape(), targets.shape())) {
            throw new IllegalArgumentException(op + ": predictions of shape " + Arrays.toString(predictions.shape())
                    + " and targets of shape " + Arrays.toString(targets.shape())
                    + " differ (expected equal shapes; losses do not broadcast)");
        }
        if (predictions.size() == 0) {
            throw new IllegalArgumentException(op + ": no predictions (shape " + Arrays.toString(predictions.shape()) + ")");
        }
    }

    private static void inUnitInterval(String op, String what, Tensor t) {
        double[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(op + ": " + what + " " + v[i] + " at flat index " + i
                        + " is outside [0, 1] (for logits use binaryCrossEntropyWithLogits)");
            }
        }
    }

    private static void checkClassInput(String op, String what, Tensor scores, int[] labels) {
        Objects.requireNonNull(scores, () -> op + ": " + what + " are null");
        Objects.requireNonNull(labels, () -> op + ": labels are null");
        int[] s = scores.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + Arrays.toString(s)
                    + " must be [batch, classes]");
        }
        if (labels.length != s[0]) {
            throw new IllegalArgumentException(op + ": " + labels.length + " labels for " + what + " of shape "
                    + Arrays.toString(s) + " (expected one label per row, " + s[0] + ")");
        }
        if (s[0] == 0 || s[1] == 0) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + Arrays.toString(s) + " are empty");
        }
        for (int b = 0; b < labels.length; b++) {
            if (labels[b] < 0 || labels[b] >= s[1]) {
                throw new IllegalArgumentException(op + ": label " + labels[b] + " at index " + b
                        + " is out of range for " + s[1] + " classes (expected 0 to " + (s[1] - 1) + ")");
            }
        }
    }
}
