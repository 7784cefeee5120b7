package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Negative log-likelihood and cross-entropy over scores of shape [N, C] or [N, C, d1, ...]
 * (the class axis is 1), or unbatched [C] with one label, against class labels or class
 * probabilities, with PyTorch's options. Class weights are constants ({@code double[]}): no
 * gradient flows to them, as PyTorch (which refuses a weight that requires a gradient).
 * Composed of graph ops (gather, where, sums), so gradients differentiate again. The label
 * arrays are checked here, once, into constant tensors: the picking index, the per-sample
 * weight (0 where ignored) and the mask of samples that count.
 */
final class ClassLosses {
    private ClassLosses() {
    }

    /** −w[y]·logProbs[n, y, k...] per sample, 0 where y is the ignore index; then reduced (PyTorch's nll_loss). */
    static Tensor nll(String op, Tensor logProbs, int[] labels, NllOptions o) {
        if (unbatched(op, logProbs, labels)) {
            return unbatch(nll(op, logProbs.unsqueeze(0), labels, o), o.reduction());
        }
        Targets t = Targets.of(op, logProbs, labels, o);
        Tensor terms = logProbs.gather(1, t.index).reshape(t.sampleShape).neg();
        return t.reduce(t.weighted(terms), o.reduction());
    }

    /** Cross-entropy against class labels: nll of logSoftmax, plus PyTorch's label-smoothing term. */
    static Tensor crossEntropy(Tensor logits, int[] labels, CrossEntropyOptions o) {
        if (unbatched("crossEntropy", logits, labels)) {
            return unbatch(crossEntropy(logits.unsqueeze(0), labels, o), o.nll().reduction());
        }
        NllOptions n = o.nll();
        Targets t = Targets.of("crossEntropy", logits, labels, n);
        Tensor logP = logits.logSoftmax(1);
        Tensor nll = t.reduce(t.weighted(logP.gather(1, t.index).reshape(t.sampleShape).neg()), n.reduction());
        double eps = o.labelSmoothing();
        if (eps == 0) {
            return nll;
        }
        // PyTorch: −Σ_c w_c·log p_c per sample, 0 where ignored, reduced with nll's divisor, times ε/C
        Tensor smooth = t.masked(weightedOverClasses(logP, n.weight()).sum(1).neg());
        return nll.mul(1 - eps).add(t.reduce(smooth, n.reduction()).mul(eps / t.classes));
    }

    /**
     * Cross-entropy against class probabilities of the logits' shape: −Σ_c w_c·q_c·log p_c per
     * sample, with q smoothed to (1 − ε)·q + ε/C; the mean divides by the sample count (PyTorch).
     */
    static Tensor crossEntropy(Tensor logits, Tensor target, CrossEntropyOptions o) {
        String op = "crossEntropy";
        Objects.requireNonNull(target, "crossEntropy: target is null");
        if (logits != null && logits.dim() == 1 && logits.size() > 0) { // unbatched: [C] logits, [C] probabilities
            if (target.dim() != 1) {
                throw new IllegalArgumentException("crossEntropy: unbatched logits of shape " + Arrays.toString(logits.shape())
                        + " take a class-probability target of the same shape, got " + Arrays.toString(target.shape()));
            }
            return unbatch(crossEntropy(logits.unsqueeze(0), target.unsqueeze(0), o), o.nll().reduction());
        }
        int c = Targets.classes(op, logits);
        if (!Arrays.equals(logits.shape(), target.shape())) {
            throw new IllegalArgumentException("crossEntropy: class-probability target of shape "
                    + Arrays.toString(target.shape()) + " must have the logits' shape " + Arrays.toString(logits.shape())
                    + " (for class labels pass an int[])");
        }
        if (o.nll().ignoreIndexSet()) {
            throw new IllegalArgumentException("crossEntropy: ignoreIndex(" + o.nll().ignoreIndex()
                    + ") applies to class labels, not to a class-probability target");
        }
        Targets.checkWeight(op, o.nll().weight(), c, logits.shape());
        double eps = o.labelSmoothing();
        Tensor q = target;
        if (eps != 0) {
            q = q.mul(1 - eps).add(eps / c);
        }
        Tensor terms = weightedOverClasses(logits.logSoftmax(1).mul(q), o.nll().weight()).sum(1).neg();
        Reduction r = o.nll().reduction();
        return r == Reduction.NONE ? terms : r == Reduction.SUM ? terms.sum() : terms.mean();
    }

    /**
     * True for PyTorch's unbatched input: scores of shape [C] (C &gt; 0) with one label (a 0-d
     * target in PyTorch), computed as a batch of one. Refuses [C] scores with another label count.
     */
    static boolean unbatched(String op, Tensor scores, int[] labels) {
        if (scores == null || scores.dim() != 1 || scores.size() == 0) {
            return false;
        }
        Objects.requireNonNull(labels, () -> op + ": labels are null");
        if (labels.length != 1) {
            throw new IllegalArgumentException(op + ": unbatched scores of shape " + Arrays.toString(scores.shape())
                    + " take one label (PyTorch's 0-d target), got " + labels.length
                    + "; for a batch pass scores of shape [N, C]");
        }
        return true;
    }

    /** A batch-of-one result back to the unbatched form: the per-sample term [1] becomes 0-d, as PyTorch. */
    static Tensor unbatch(Tensor loss, Reduction r) {
        return r == Reduction.NONE ? loss.reshape() : loss;
    }

    /** {@code x} times the class weights along axis 1 (unchanged without weights). */
    private static Tensor weightedOverClasses(Tensor x, double[] weight) {
        if (weight == null) {
            return x;
        }
        int[] s = new int[x.dim()];
        Arrays.fill(s, 1);
        s[1] = weight.length;
        return x.mul(Tensor.constant(weight, s));
    }

    /** Checked class labels as constant tensors, in the samples' shape [N, d1, ...]. */
    private static final class Targets {
        final int classes;
        final int[] sampleShape;
        /** [N, 1, d1, ...]: each label, ignored ones replaced by 0 (their terms are masked out). */
        final Tensor index;
        /** [N, d1, ...]: the target's weight, 0 where ignored; null when unweighted. */
        final Tensor sampleWeight;
        /** [N, d1, ...]: 1 where the sample counts; null when none is ignored. */
        final Tensor keep;
        /** The mean's divisor: summed weights (or count) of the samples that count. */
        final double total;

        private Targets(int classes, int[] sampleShape, Tensor index, Tensor sampleWeight, Tensor keep, double total) {
            this.classes = classes;
            this.sampleShape = sampleShape;
            this.index = index;
            this.sampleWeight = sampleWeight;
            this.keep = keep;
            this.total = total;
        }

        static Targets of(String op, Tensor scores, int[] labels, NllOptions o) {
            int c = classes(op, scores);
            Objects.requireNonNull(labels, () -> op + ": labels are null");
            int[] s = scores.shape();
            int[] sampleShape = new int[s.length - 1];
            sampleShape[0] = s[0];
            System.arraycopy(s, 2, sampleShape, 1, s.length - 2);
            int n = Math.toIntExact(Arrays.stream(sampleShape).asLongStream().reduce(1, (a, b) -> a * b));
            if (labels.length != n) {
                throw new IllegalArgumentException(op + ": scores " + Arrays.toString(s) + " hold " + n + " samples"
                        + (s.length > 2 ? " (shape [N, d1, ...] = " + Arrays.toString(sampleShape) + ", row-major)" : "")
                        + ", one label each, but " + labels.length + " labels were given");
            }
            double[] w = o.weight();
            checkWeight(op, w, c, s);
            double[] idx = new double[n];
            double[] sw = new double[n];
            double[] keep = new double[n];
            boolean anyIgnored = false;
            double total = 0;
            for (int i = 0; i < n; i++) {
                int y = labels[i];
                if (y == o.ignoreIndex()) {
                    anyIgnored = true;
                    continue;
                }
                if (y < 0 || y >= c) {
                    throw new IllegalArgumentException(op + ": label " + y + " of sample " + i
                            + (s.length > 2 ? " (row-major in " + Arrays.toString(sampleShape) + ")" : "")
                            + " is not a class index in 0.." + (c - 1) + " nor the ignore index " + o.ignoreIndex());
                }
                idx[i] = y;
                sw[i] = w == null ? 1 : w[y];
                keep[i] = 1;
                total += sw[i];
            }
            int[] indexShape = s.clone();
            indexShape[1] = 1;
            return new Targets(c, sampleShape, Tensor.constant(idx, indexShape),
                    w == null ? null : Tensor.constant(sw, sampleShape),
                    anyIgnored ? Tensor.constant(keep, sampleShape) : null, total);
        }

        /** The per-sample terms times the targets' weights, 0 where ignored. */
        Tensor weighted(Tensor terms) {
            return masked(sampleWeight == null ? terms : terms.mul(sampleWeight));
        }

        /**
         * 0 where ignored, by {@code where} rather than a product: no gradient reaches an ignored
         * sample even when the mean's divisor is 0 (all ignored gives NaN and a zero gradient, as PyTorch).
         */
        Tensor masked(Tensor terms) {
            return keep == null ? terms : Tensor.where(keep, terms, Tensor.scalar(0));
        }

        Tensor reduce(Tensor terms, Reduction r) {
            return r == Reduction.NONE ? terms : r == Reduction.SUM ? terms.sum() : terms.sum().div(total);
        }

        /** Checks scores of shape [N, C, d1, ...] with N, C &gt; 0; returns C. */
        static int classes(String op, Tensor scores) {
            Objects.requireNonNull(scores, () -> op + ": scores are null");
            int[] s = scores.shape();
            if (s.length < 2) {
                throw new IllegalArgumentException(op + ": expects scores of shape [N, C] or [N, C, d1, ...] (classes "
                        + "on axis 1), got " + Arrays.toString(s));
            }
            if (scores.size() == 0) {
                throw new IllegalArgumentException(op + ": empty scores of shape " + Arrays.toString(s));
            }
            return s[1];
        }

        static void checkWeight(String op, double[] w, int c, int[] shape) {
            if (w != null && w.length != c) {
                throw new IllegalArgumentException(op + ": weight has " + w.length + " entries but the scores "
                        + Arrays.toString(shape) + " have " + c + " classes (axis 1); expected one weight per class");
            }
        }
    }
}
