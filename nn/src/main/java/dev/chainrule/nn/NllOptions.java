package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options of {@link Loss#nll(Tensor, int[], NllOptions)}, as PyTorch's {@code nll_loss}:
 * class weights, the label to ignore and the reduction. Immutable: each method returns a
 * changed copy, so a shared instance is safe.
 *
 * <pre>{@code
 * Loss.nll(logProbs, labels, NllOptions.defaults().weight(0.5, 2, 1).ignoreIndex(-1).reduction(Reduction.SUM));
 * }</pre>
 */
public final class NllOptions {
    /** PyTorch's default {@code ignore_index}: a label of −100 is ignored unless another index is set. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private static final NllOptions DEFAULTS = new NllOptions(null, DEFAULT_IGNORE_INDEX, false, Reduction.MEAN);

    private final double[] weight;
    private final int ignoreIndex;
    private final boolean ignoreIndexSet;
    private final Reduction reduction;

    private NllOptions(double[] weight, int ignoreIndex, boolean ignoreIndexSet, Reduction reduction) {
        this.weight = weight;
        this.ignoreIndex = ignoreIndex;
        this.ignoreIndexSet = ignoreIndexSet;
        this.reduction = reduction;
    }

    /** @return no weights, ignore index {@value #DEFAULT_IGNORE_INDEX}, the mean: PyTorch's defaults */
    public static NllOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A weight per class: each sample's term is multiplied by its target's weight, and the mean
     * divides by the sum of the weights of the targets not ignored (PyTorch's rule).
     *
     * @param weight one finite weight per class (copied), or null for none
     * @return a copy with these weights
     */
    public NllOptions weight(double... weight) {
        return new NllOptions(checkedWeight("nll", weight), ignoreIndex, ignoreIndexSet, reduction);
    }

    /**
     * @param weight a 1-D tensor of one finite weight per class (its values are copied; no gradient flows to it)
     * @return a copy with these weights
     */
    public NllOptions weight(Tensor weight) {
        return weight(weightArray("nll", weight));
    }

    /**
     * @param ignoreIndex a label that contributes neither to the loss nor to the mean's divisor
     * @return a copy ignoring this label
     */
    public NllOptions ignoreIndex(int ignoreIndex) {
        return new NllOptions(weight, ignoreIndex, true, reduction);
    }

    /**
     * @param reduction how the per-sample terms combine
     * @return a copy with this reduction
     */
    public NllOptions reduction(Reduction reduction) {
        return new NllOptions(weight, ignoreIndex, ignoreIndexSet,
                Objects.requireNonNull(reduction, "nll: reduction is null"));
    }

    double[] weight() {
        return weight;
    }

    int ignoreIndex() {
        return ignoreIndex;
    }

    /** Whether {@link #ignoreIndex(int)} was called (probability targets refuse it then). */
    boolean ignoreIndexSet() {
        return ignoreIndexSet;
    }

    Reduction reduction() {
        return reduction;
    }

    static double[] checkedWeight(String op, double[] weight) {
        if (weight == null) {
            return null;
        }
        double[] w = weight.clone();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i])) {
                throw new IllegalArgumentException(op + ": weight[" + i + "] = " + w[i] + " is not finite");
            }
        }
        return w;
    }

    static double[] weightArray(String op, Tensor weight) {
        if (weight == null) {
            return null;
        }
        if (weight.dim() != 1) {
            throw new IllegalArgumentException(op + ": weight must be 1-D (one per class), got shape "
                    + Arrays.toString(weight.shape()));
        }
        return weight.toArray();
    }

    /** @return the options as PyTorch would print its arguments */
    @Override
    public String toString() {
        return "NllOptions[weight=" + Arrays.toString(weight) + ", ignoreIndex=" + ignoreIndex
                + ", reduction=" + reduction + "]";
    }
}
