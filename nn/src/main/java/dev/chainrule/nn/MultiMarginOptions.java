package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options of {@link Loss#multiMargin(Tensor, int[], MultiMarginOptions)}, as PyTorch's
 * {@code torch.nn.MultiMarginLoss}: the power {@code p} (1 or 2), the {@code margin}, class
 * weights and the reduction. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * Loss.multiMargin(scores, labels, MultiMarginOptions.defaults().p(2).margin(0.5).weight(1, 2, 1));
 * }</pre>
 */
public final class MultiMarginOptions {
    private static final MultiMarginOptions DEFAULTS = new MultiMarginOptions(1, 1, null, Reduction.MEAN);

    private final int p;
    private final double margin;
    private final double[] weight;
    private final Reduction reduction;

    private MultiMarginOptions(int p, double margin, double[] weight, Reduction reduction) {
        this.p = p;
        this.margin = margin;
        this.weight = weight;
        this.reduction = reduction;
    }

    /** @return p = 1, margin 1, no weights, the mean: PyTorch's defaults */
    public static MultiMarginOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param p the power of each hinge term: 1 or 2 (as PyTorch, which supports only these)
     * @return a copy with this power
     * @throws IllegalArgumentException for any other p
     */
    public MultiMarginOptions p(int p) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("multiMargin: p = " + p + " is not supported; expected 1 or 2 (as PyTorch)");
        }
        return new MultiMarginOptions(p, margin, weight, reduction);
    }

    /**
     * @param margin the margin by which the target's score should beat every other (finite; any sign, as PyTorch)
     * @return a copy with this margin
     */
    public MultiMarginOptions margin(double margin) {
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("multiMargin: margin " + margin + " is not finite");
        }
        return new MultiMarginOptions(p, margin, weight, reduction);
    }

    /**
     * A weight per class: each sample's terms are multiplied by its target's weight, after the
     * power (PyTorch's kernel; its documentation puts the weight inside); the mean still divides by N.
     * Weights are constants: no gradient flows to them (PyTorch refuses a weight that requires one).
     *
     * @param weight one finite weight per class (copied), or null for none
     * @return a copy with these weights
     */
    public MultiMarginOptions weight(double... weight) {
        return new MultiMarginOptions(p, margin, NllOptions.checkedWeight("multiMargin", weight), reduction);
    }

    /**
     * @param weight a 1-D tensor of one finite weight per class (its values are copied; no gradient flows to it)
     * @return a copy with these weights
     */
    public MultiMarginOptions weight(Tensor weight) {
        return weight(NllOptions.weightArray("multiMargin", weight));
    }

    /**
     * @param reduction how the per-sample terms combine
     * @return a copy with this reduction
     */
    public MultiMarginOptions reduction(Reduction reduction) {
        return new MultiMarginOptions(p, margin, weight, Objects.requireNonNull(reduction, "multiMargin: reduction is null"));
    }

    int p() {
        return p;
    }

    double margin() {
        return margin;
    }

    double[] weight() {
        return weight;
    }

    Reduction reduction() {
        return reduction;
    }

    /** @return the options as PyTorch would print its arguments */
    @Override
    public String toString() {
        return "MultiMarginOptions[p=" + p + ", margin=" + margin + ", weight=" + Arrays.toString(weight)
                + ", reduction=" + reduction + "]";
    }
}
