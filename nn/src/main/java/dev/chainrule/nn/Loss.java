package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Losses on tensors, composed of graph ops so the engine differentiates them (and their
 * gradients, for higher order). Predictions and targets must have the same shape: a loss
 * never broadcasts silently. Class labels are {@code int[]} indices, row-major over
 * [N, d1, ...] for scores [N, C, d1, ...]. The mean reduction averages over all elements for
 * elementwise losses and over samples for class losses, {@link Reduction#NONE} keeps the
 * per-element or per-sample terms, as PyTorch does. PyTorch's further options are immutable
 * option objects: {@link CrossEntropyOptions}, {@link NllOptions}, {@link BinaryCrossEntropyOptions}.
 * Values and gradients agree with PyTorch 1.13 for every option ({@code TorchLossOptionsReferenceTest}).
 */
public final class Loss {
    /** e^−100: log of it is PyTorch's floor of −100 for the logs in binary cross-entropy. */
    static final double MIN_PROBABILITY = Math.exp(-100);

    private Loss() {
    }

    /**
     * Mean, sum or ({@link Reduction#NONE}) the elementwise (prediction − target)².
     *
     * @param prediction the model's output
     * @param target the targets, of the prediction's shape
     * @param reduction how the per-element losses combine
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
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
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
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
     * log of 0 would send 0·∞ = NaN back). At p = 0 or 1 that gradient is 0 where PyTorch's
     * backward gives ±1e12 (README, Differences from PyTorch). Probabilities outside [0, 1]
     * are refused, as in PyTorch. Prefer {@link #binaryCrossEntropyWithLogits} on raw scores.
     *
     * @param probabilities predicted probabilities
     * @param target        targets in [0, 1], the same shape
     * @param reduction     how the elementwise terms combine ({@link Reduction#NONE}: the input's shape)
     * @return the loss
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor target, Reduction reduction) {
        return binaryCrossEntropy(probabilities, target, BinaryCrossEntropyOptions.defaults().reduction(reduction));
    }

    /**
     * {@link #binaryCrossEntropy(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param probabilities predicted probabilities
     * @param target        targets in [0, 1], the same shape
     * @return the mean loss
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor target) {
        return binaryCrossEntropy(probabilities, target, Reduction.MEAN);
    }

    /**
     * {@link #binaryCrossEntropy(Tensor, Tensor, Reduction)} with an elementwise weight, as
     * PyTorch's {@code binary_cross_entropy(weight=...)}. A posWeight is refused (PyTorch has
     * it only on the logits version).
     *
     * @param probabilities predicted probabilities
     * @param target        targets in [0, 1], the same shape
     * @param options       weight, reduction
     * @return the loss
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor target, BinaryCrossEntropyOptions options) {
        String op = "binaryCrossEntropy";
        sameShape(op, probabilities, target);
        Objects.requireNonNull(options, "binaryCrossEntropy: options are null");
        if (options.posWeight() != null) {
            throw new IllegalArgumentException("binaryCrossEntropy: posWeight applies to binaryCrossEntropyWithLogits "
                    + "only (as in PyTorch)");
        }
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
        return reduce(weighted(op, terms, options.weight()), options.reduction());
    }

    /**
     * Binary cross-entropy on logits x with targets t: (1 − t)·x + softplus(−x), the same value
     * as the cross-entropy of sigmoid(x) but finite and accurate for logits of any size.
     *
     * @param logits    raw scores
     * @param target    targets in [0, 1], the same shape
     * @param reduction how the elementwise terms combine ({@link Reduction#NONE}: the input's shape)
     * @return the loss
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        return binaryCrossEntropyWithLogits(logits, target, BinaryCrossEntropyOptions.defaults().reduction(reduction));
    }

    /**
     * {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Reduction)} with the mean.
     *
     * @param logits raw scores
     * @param target targets in [0, 1], the same shape
     * @return the mean loss
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return binaryCrossEntropyWithLogits(logits, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy on logits with PyTorch's weight and posWeight: per element
     * w·((1 − t)·x + (1 + (p − 1)·t)·softplus(−x)), which is
     * −w·(p·t·log σ(x) + (1 − t)·log(1 − σ(x))) written stably (PyTorch's formula). The mean
     * divides by the element count.
     *
     * @param logits  raw scores
     * @param target  targets in [0, 1], the same shape
     * @param options weight and posWeight (each broadcastable to the logits' shape), reduction
     * @return the loss
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, BinaryCrossEntropyOptions options) {
        String op = "binaryCrossEntropyWithLogits";
        sameShape(op, logits, target);
        Objects.requireNonNull(options, "binaryCrossEntropyWithLogits: options are null");
        Tensor t = target;
        Tensor logWeight = options.posWeight() == null ? null
                : broadcastable(op, "posWeight", options.posWeight(), logits).sub(1).mul(t).add(1);
        Tensor softplusNeg = logits.neg().softplus();
        Tensor terms = t.neg().add(1).mul(logits).add(logWeight == null ? softplusNeg : softplusNeg.mul(logWeight));
        return reduce(weighted(op, terms, options.weight()), options.reduction());
    }

    /**
     * Cross-entropy of logits [N, C] (or [N, C, d1, ...], classes on axis 1) against class
     * labels: nll(logSoftmax(logits, 1), labels), stable for any logits. PyTorch's defaults:
     * a label of −100 is ignored (see {@link CrossEntropyOptions}).
     *
     * @param logits    raw class scores
     * @param labels    one class index per sample, row-major over [N, d1, ...]
     * @param reduction how the per-sample terms combine ({@link Reduction#NONE}: shape [N, d1, ...])
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        return crossEntropy(logits, labels, CrossEntropyOptions.defaults().reduction(reduction));
    }

    /**
     * {@link #crossEntropy(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param logits raw class scores [N, C] or [N, C, d1, ...]
     * @param labels one class index per sample
     * @return the mean loss
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        return crossEntropy(logits, labels, Reduction.MEAN);
    }

    /**
     * Cross-entropy against class labels with class weights, an ignore index and label
     * smoothing, as PyTorch's {@code cross_entropy}: per sample (1 − ε)·w[y]·(−log p_y) +
     * (ε/C)·Σ_c w_c·(−log p_c), 0 for an ignored label; the mean divides by the summed weights
     * w[y] of the labels not ignored, so when every label is ignored it is NaN (0/0) with a zero
     * gradient, as in PyTorch 1.13.
     *
     * @param logits  raw class scores [N, C] or [N, C, d1, ...] (classes on axis 1)
     * @param labels  one class index (or the ignore index) per sample, row-major over [N, d1, ...]
     * @param options weight, ignoreIndex, labelSmoothing, reduction
     * @return the loss: a scalar, or shape [N, d1, ...] for {@link Reduction#NONE}
     * @throws IllegalArgumentException for a weight count other than C, a label outside 0..C−1
     *                                  that is not the ignore index, or a label count other than N·d1·...
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, CrossEntropyOptions options) {
        return ClassLosses.crossEntropy(logits, labels, Objects.requireNonNull(options, "crossEntropy: options are null"));
    }

    /**
     * Cross-entropy against class probabilities (soft targets) of the logits' shape:
     * −Σ_c q_c·log softmax(logits)_c per sample, averaged over samples.
     *
     * @param logits raw class scores [N, C] or [N, C, d1, ...]
     * @param target class probabilities, the logits' shape (not checked to sum to 1, as PyTorch)
     * @return the mean loss
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, CrossEntropyOptions.defaults());
    }

    /**
     * {@link #crossEntropy(Tensor, Tensor)} with the given reduction.
     *
     * @param logits    raw class scores [N, C] or [N, C, d1, ...]
     * @param target    class probabilities, the logits' shape
     * @param reduction how the per-sample terms combine
     * @return the loss
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction) {
        return crossEntropy(logits, target, CrossEntropyOptions.defaults().reduction(reduction));
    }

    /**
     * Cross-entropy against class probabilities with PyTorch's options: the target smoothed to
     * (1 − ε)·q + ε/C, each class's term times its weight; the mean divides by the number of
     * samples N·d1·... (not by weights). An explicitly set ignore index is refused here.
     *
     * @param logits  raw class scores [N, C] or [N, C, d1, ...]
     * @param target  class probabilities, the logits' shape
     * @param options weight, labelSmoothing, reduction
     * @return the loss: a scalar, or shape [N, d1, ...] for {@link Reduction#NONE}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, CrossEntropyOptions options) {
        return ClassLosses.crossEntropy(logits, target, Objects.requireNonNull(options, "crossEntropy: options are null"));
    }

    /**
     * Negative log-likelihood: −logProbs[n, labels[n]] per sample ([N, C] or [N, C, d1, ...]
     * inputs), reduced. A label of −100 is ignored, as PyTorch's default.
     *
     * @param logProbs  log-probabilities, classes on axis 1
     * @param labels    one class index per sample, row-major over [N, d1, ...]
     * @param reduction how the per-sample terms combine
     * @return the loss
     */
    public static Tensor nll(Tensor logProbs, int[] labels, Reduction reduction) {
        return nll(logProbs, labels, NllOptions.defaults().reduction(reduction));
    }

    /**
     * {@link #nll(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param logProbs log-probabilities, classes on axis 1
     * @param labels   one class index per sample
     * @return the mean loss
     */
    public static Tensor nll(Tensor logProbs, int[] labels) {
        return nll(logProbs, labels, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood with class weights and an ignore index, as PyTorch's
     * {@code nll_loss}: −w[y]·logProbs[n, y] per sample, 0 for an ignored label; the mean
     * divides by the summed w[y] of the labels not ignored (all ignored: NaN with a zero gradient).
     *
     * @param logProbs log-probabilities [N, C] or [N, C, d1, ...]
     * @param labels   one class index (or the ignore index) per sample, row-major over [N, d1, ...]
     * @param options  weight, ignoreIndex, reduction
     * @return the loss: a scalar, or shape [N, d1, ...] for {@link Reduction#NONE}
     */
    public static Tensor nll(Tensor logProbs, int[] labels, NllOptions options) {
        return ClassLosses.nll("nll", logProbs, labels, Objects.requireNonNull(options, "nll: options are null"));
    }

    /**
     * Binary hinge (max-margin) loss max(0, 1 − y·s) for scores s and labels y ∈ {−1, +1} of the same shape, reduced.
     *
     * @param scores the scores
     * @param labels the labels, -1 or +1, of the scores' shape
     * @param reduction how the per-element losses combine
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
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
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
     */
    public static Tensor hinge(Tensor scores, Tensor labels) {
        return hinge(scores, labels, Reduction.MEAN);
    }

    /**
     * Multi-class hinge (PyTorch's MultiMarginLoss, margin 1): for scores [N, C],
     * Σ_{j ≠ y} max(0, 1 − s_y + s_j) / C per sample; mean, sum or ({@link Reduction#NONE}) the [N] terms.
     *
     * @param scores the scores [N, C]
     * @param labels the class of each sample
     * @param reduction how the per-element losses combine
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
     */
    public static Tensor multiMargin(Tensor scores, int[] labels, Reduction reduction) {
        return multiMargin(scores, labels, MultiMarginOptions.defaults().reduction(reduction));
    }

    /**
     * Multi-class hinge with PyTorch's options ({@code torch.nn.MultiMarginLoss(p, margin,
     * weight, reduction)}): for scores [N, C] (or unbatched [C] with one label),
     * w[y]·Σ_{j ≠ y} max(0, margin − s_y + s_j)^p / C per sample, then reduced (the mean divides
     * by N, weights or not). The weight multiplies after the power, as PyTorch's kernel.
     *
     * @param scores  the scores [N, C], or [C] with one label
     * @param labels  the class of each sample
     * @param options p, margin, weight, reduction
     * @return the loss: 0-dimensional, or per sample with {@link Reduction#NONE} ([N]; 0-d when unbatched)
     */
    public static Tensor multiMargin(Tensor scores, int[] labels, MultiMarginOptions options) {
        Objects.requireNonNull(options, "multiMargin: options are null");
        if (ClassLosses.unbatched("multiMargin", scores, labels)) {
            return ClassLosses.unbatch(multiMargin(scores.unsqueeze(0), labels, options), options.reduction());
        }
        int c = classShape("multiMargin", scores, labels);
        double[] w = options.weight();
        if (w != null && w.length != c) {
            throw new IllegalArgumentException("multiMargin: weight has " + w.length + " entries but the scores "
                    + Arrays.toString(scores.shape()) + " have " + c + " classes; expected one weight per class");
        }
        double[] idx = new double[labels.length];
        double[] sampleWeight = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            idx[i] = labels[i];
            sampleWeight[i] = w == null ? 1 : w[labels[i]];
        }
        Tensor correct = scores.gather(1, Tensor.constant(idx, labels.length, 1));
        Tensor others = Tensor.oneHot(labels, c).neg().add(1);   // the j = y term is left out
        Tensor hinge = scores.sub(correct).add(options.margin()).relu();
        Tensor perSample = (options.p() == 2 ? hinge.square() : hinge).mul(others).sum(1).div(c);
        if (w != null) {
            perSample = perSample.mul(Tensor.constant(sampleWeight, labels.length));
        }
        return reduce(perSample, options.reduction());
    }

    /**
     * {@link #multiMargin(Tensor, int[], Reduction)} with the mean over samples.
     *
     * @param scores the scores [N, C]
     * @param labels the class of each sample
     * @return the loss: 0-dimensional, or per element with {@link Reduction#NONE}
     */
    public static Tensor multiMargin(Tensor scores, int[] labels) {
        return multiMargin(scores, labels, Reduction.MEAN);
    }

    private static Tensor reduce(Tensor terms, Reduction reduction) {
        Objects.requireNonNull(reduction, "loss: reduction is null");
        return reduction == Reduction.NONE ? terms : reduction == Reduction.SUM ? terms.sum() : terms.mean();
    }

    /** {@code terms} times an elementwise weight that must broadcast to their shape (unchanged without one). */
    private static Tensor weighted(String op, Tensor terms, Tensor weight) {
        return weight == null ? terms : terms.mul(broadcastable(op, "weight", weight, terms));
    }

    /** {@code w}, after checking it broadcasts to {@code input}'s shape without enlarging it. */
    private static Tensor broadcastable(String op, String name, Tensor w, Tensor input) {
        int[] ws = w.shape();
        int[] s = input.shape();
        boolean ok = ws.length <= s.length;
        for (int i = 1; ok && i <= ws.length; i++) {
            int a = ws[ws.length - i];
            ok = a == 1 || a == s[s.length - i];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + Arrays.toString(ws)
                    + " does not broadcast to the input's shape " + Arrays.toString(s)
                    + " (each trailing dimension must be 1 or equal)");
        }
        return w;
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
