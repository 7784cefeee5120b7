package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Losses on tensors, composed of graph ops so the engine differentiates them (and their
 * gradients, for higher order). Predictions and targets must have the same shape: a loss
 * never broadcasts silently. Class labels are {@code int[]} indices. The mean reduction
 * averages over all elements for elementwise losses and over samples for class losses, as
 * PyTorch does.
 */
public final class Loss {
    /** e^−100: log of it is PyTorch's floor of −100 for the logs in binary cross-entropy. */
    static final double MIN_PROBABILITY = Math.exp(-100);

    private Loss() {
    }

    /**
     * Mean (or sum) of (prediction − target)².
     *
     * @param prediction the model's output
     * @param target the targets, of the prediction's shape
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor mse(Tensor prediction, Tensor target, Reduction reduction) {
        sameShape("mse", prediction, target);
        Tensor d = prediction.sub(target);
        return reduce(d.mul(d), reduction);
    }

    /**
     * {@link #mse(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param prediction the model's output
     * @param target the targets, of the prediction's shape
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor mse(Tensor prediction, Tensor target) {
        return mse(prediction, target, Reduction.MEAN);
    }

    /**
     * ½ Σ (target − prediction)², the lecture notes' E (its gradient is prediction − target).
     *
     * @param prediction the model's output
     * @param target the targets, of the prediction's shape
     * @return the 0-dimensional loss
     */
    public static Tensor halfSumSquaredError(Tensor prediction, Tensor target) {
        sameShape("halfSumSquaredError", prediction, target);
        Tensor d = prediction.sub(target);
        return d.mul(d).sum().mul(0.5);
    }

    /**
     * Binary cross-entropy on probabilities p ∈ [0, 1] with targets t ∈ [0, 1]:
     * −(t·log p + (1 − t)·log(1 − p)). As PyTorch, each log is at least −100, so p = 0 or 1
     * gives a large finite loss rather than infinity; the floor is applied to the argument
     * (log of max(p, e^−100)), not to the log, so the gradient stays finite too (a clamped
     * log of 0 would send 0·∞ = NaN back). Probabilities outside [0, 1] are refused, as in
     * PyTorch. Prefer {@link #binaryCrossEntropyWithLogits} on raw scores.
     *
     * @param probabilities the predicted probabilities
     * @param target the targets, of the prediction's shape
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor target, Reduction reduction) {
        sameShape("binaryCrossEntropy", probabilities, target);
        double[] p = probabilities.toArray();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: probability " + p[i] + " at flat index " + i
                        + " is outside [0, 1] (for raw scores use binaryCrossEntropyWithLogits)");
            }
        }
        Tensor logP = probabilities.clamp(MIN_PROBABILITY, 1).log();
        Tensor log1mP = probabilities.neg().add(1).clamp(MIN_PROBABILITY, 1).log();
        Tensor terms = target.mul(logP).add(target.neg().add(1).mul(log1mP)).neg();
        return reduce(terms, reduction);
    }

    /**
     * {@link #binaryCrossEntropy(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param probabilities the predicted probabilities
     * @param target the targets, of the prediction's shape
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor target) {
        return binaryCrossEntropy(probabilities, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy on logits x with targets t: softplus(x) − t·x, the same value as
     * the cross-entropy of sigmoid(x) but finite and accurate for logits of any size.
     *
     * @param logits the unnormalised scores
     * @param target the targets, of the prediction's shape
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        sameShape("binaryCrossEntropyWithLogits", logits, target);
        return reduce(logits.softplus().sub(target.mul(logits)), reduction);
    }

    /**
     * {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param logits the unnormalised scores
     * @param target the targets, of the prediction's shape
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return binaryCrossEntropyWithLogits(logits, target, Reduction.MEAN);
    }

    /**
     * Cross-entropy of logits [N, C] against class indices: nll(logSoftmax(logits), labels), stable for any logits.
     *
     * @param logits the logits [N, C]
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        classShape("crossEntropy", logits, labels);
        return nll(logits.logSoftmax(1), labels, reduction);
    }

    /**
     * {@link #crossEntropy(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param logits the logits [N, C]
     * @param labels the class of each sample
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood: −logProbs[i, labels[i]], mean or sum over the N samples.
     *
     * @param logProbs the log-probabilities [N, C]
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor nll(Tensor logProbs, int[] labels, Reduction reduction) {
        classShape("nll", logProbs, labels);
        double[] idx = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            idx[i] = labels[i];
        }
        Tensor picked = logProbs.gather(1, Tensor.constant(idx, labels.length, 1));
        return reduce(picked.neg(), reduction);
    }

    /**
     * {@link #nll(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param logProbs the log-probabilities [N, C]
     * @param labels the class of each sample
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor nll(Tensor logProbs, int[] labels) {
        return nll(logProbs, labels, Reduction.MEAN);
    }

    /**
     * Binary hinge (max-margin) loss max(0, 1 − y·s) for scores s and labels y ∈ {−1, +1} of the same shape.
     *
     * @param scores the scores
     * @param labels the labels, -1 or +1, of the scores' shape
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor hinge(Tensor scores, Tensor labels, Reduction reduction) {
        sameShape("hinge", scores, labels);
        double[] y = labels.toArray();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 1 && y[i] != -1) {
                throw new IllegalArgumentException("hinge: labels must be -1 or +1, got " + y[i] + " at flat index " + i);
            }
        }
        return reduce(scores.mul(labels).neg().add(1).relu(), reduction);
    }

    /**
     * {@link #hinge(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param scores the scores
     * @param labels the labels, -1 or +1, of the scores' shape
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor hinge(Tensor scores, Tensor labels) {
        return hinge(scores, labels, Reduction.MEAN);
    }

    /**
     * Multi-class hinge (PyTorch's MultiMarginLoss, margin 1): for scores [N, C],
     * Σ_{j ≠ y} max(0, 1 − s_y + s_j) / C per sample, mean or sum over samples.
     *
     * @param scores the scores [N, C]
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor multiMargin(Tensor scores, int[] labels, Reduction reduction) {
        int c = classShape("multiMargin", scores, labels);
        double[] idx = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            idx[i] = labels[i];
        }
        Tensor correct = scores.gather(1, Tensor.constant(idx, labels.length, 1));
        Tensor others = Tensor.oneHot(labels, c).neg().add(1);   // the j = y term is left out
        Tensor perSample = scores.sub(correct).add(1).relu().mul(others).sum(1).div(c);
        return reduce(perSample, reduction);
    }

    /**
     * {@link #multiMargin(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param scores the scores [N, C]
     * @param labels the class of each sample
     * @return the loss (0-dimensional unless not reduced)
     */
    public static Tensor multiMargin(Tensor scores, int[] labels) {
        return multiMargin(scores, labels, Reduction.MEAN);
    }

    private static Tensor reduce(Tensor terms, Reduction reduction) {
        Objects.requireNonNull(reduction, "loss: reduction is null");
        return reduction == Reduction.SUM ? terms.sum() : terms.mean();
    }

    private static void sameShape(String op, Tensor prediction, Tensor target) {
        Objects.requireNonNull(prediction, () -> op + ": prediction is null");
        Objects.requireNonNull(target, () -> op + ": target is null");
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": prediction of shape " + Arrays.toString(prediction.shape())
                    + " and target of shape " + Arrays.toString(target.shape()) + " differ; they must match");
        }
        if (prediction.size() == 0) {
            throw new IllegalArgumentException(op + ": empty prediction");
        }
    }

    /** Checks [N, C] scores against N labels in 0..C−1; returns C. */
    private static int classShape(String op, Tensor scores, int[] labels) {
        Objects.requireNonNull(scores, () -> op + ": scores are null");
        Objects.requireNonNull(labels, () -> op + ": labels are null");
        int[] s = scores.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(op + ": expects scores of shape [N, C], got " + Arrays.toString(s));
        }
        if (labels.length != s[0] || s[0] == 0) {
            throw new IllegalArgumentException(op + ": " + s[0] + " samples (scores " + Arrays.toString(s) + ") but "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= s[1]) {
                throw new IllegalArgumentException(op + ": label " + labels[i] + " of sample " + i + " is not a class "
                        + "index in 0.." + (s[1] - 1));
            }
        }
        return s[1];
    }
}
