package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options of {@link Loss#crossEntropy(Tensor, int[], CrossEntropyOptions)} and
 * {@link Loss#crossEntropy(Tensor, Tensor, CrossEntropyOptions)}, as PyTorch's
 * {@code cross_entropy}: class weights, the label to ignore, label smoothing and the
 * reduction. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * CrossEntropyOptions o = CrossEntropyOptions.defaults().weight(w).ignoreIndex(-1).labelSmoothing(0.1);
 * Tensor loss = Loss.crossEntropy(logits, labels, o.reduction(Reduction.NONE));
 * }</pre>
 */
public final class CrossEntropyOptions {
    private static final CrossEntropyOptions DEFAULTS = new CrossEntropyOptions(NllOptions.defaults(), 0);

    private final NllOptions nll;
    private final double labelSmoothing;

    private CrossEntropyOptions(NllOptions nll, double labelSmoothing) {
        this.nll = nll;
        this.labelSmoothing = labelSmoothing;
    }

    /** @return no weights, ignore index −100, no smoothing, the mean: PyTorch's defaults */
    public static CrossEntropyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A weight per class. With class labels each sample's term is multiplied by its target's
     * weight and the mean divides by the summed weights of the targets not ignored; with
     * probability targets each class's term is multiplied by its weight and the mean divides
     * by the number of samples (both PyTorch's rules).
     *
     * @param weight one finite weight per class (copied), or null for none
     * @return a copy with these weights
     */
    public CrossEntropyOptions weight(double... weight) {
        return new CrossEntropyOptions(nll.weight(NllOptions.checkedWeight("crossEntropy", weight)), labelSmoothing);
    }

    /**
     * @param weight a 1-D tensor of one finite weight per class (its values are copied; no gradient flows to it)
     * @return a copy with these weights
     */
    public CrossEntropyOptions weight(Tensor weight) {
        return weight(NllOptions.weightArray("crossEntropy", weight));
    }

    /**
     * @param ignoreIndex a label that contributes neither to the loss nor to the mean's divisor
     *                    (class labels only: probability targets refuse an explicit ignore index)
     * @return a copy ignoring this label
     */
    public CrossEntropyOptions ignoreIndex(int ignoreIndex) {
        return new CrossEntropyOptions(nll.ignoreIndex(ignoreIndex), labelSmoothing);
    }

    /**
     * Label smoothing ε: the target becomes (1 − ε)·(the label) + ε·(uniform over the C classes),
     * i.e. the loss is (1 − ε)·nll + ε·mean over classes of −log p (each class weighted, as PyTorch).
     *
     * @param labelSmoothing ε in [0, 1]
     * @return a copy with this smoothing
     */
    public CrossEntropyOptions labelSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        return new CrossEntropyOptions(nll, labelSmoothing);
    }

    /**
     * @param reduction how the per-sample terms combine
     * @return a copy with this reduction
     */
    public CrossEntropyOptions reduction(Reduction reduction) {
        return new CrossEntropyOptions(nll.reduction(Objects.requireNonNull(reduction,
                "crossEntropy: reduction is null")), labelSmoothing);
    }

    /** The weight, ignore index and reduction, which cross-entropy shares with nll. */
    NllOptions nll() {
        return nll;
    }

    double labelSmoothing() {
        return labelSmoothing;
    }

    /** @return the options as PyTorch would print its arguments */
    @Override
    public String toString() {
        return "CrossEntropyOptions[weight=" + Arrays.toString(nll.weight()) + ", ignoreIndex=" + nll.ignoreIndex()
                + ", labelSmoothing=" + labelSmoothing + ", reduction=" + nll.reduction() + "]";
    }
}
