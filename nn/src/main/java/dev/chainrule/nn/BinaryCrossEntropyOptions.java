package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options of {@link Loss#binaryCrossEntropyWithLogits(Tensor, Tensor, BinaryCrossEntropyOptions)}
 * and {@link Loss#binaryCrossEntropy(Tensor, Tensor, BinaryCrossEntropyOptions)}, as PyTorch's
 * {@code weight}, {@code pos_weight} and {@code reduction}. Immutable: each method returns a
 * changed copy.
 *
 * <pre>{@code
 * Loss.binaryCrossEntropyWithLogits(logits, target,
 *         BinaryCrossEntropyOptions.defaults().posWeight(3, 0.5, 1).reduction(Reduction.SUM));
 * }</pre>
 */
public final class BinaryCrossEntropyOptions {
    private static final BinaryCrossEntropyOptions DEFAULTS = new BinaryCrossEntropyOptions(null, null, Reduction.MEAN);

    private final Tensor weight;
    private final Tensor posWeight;
    private final Reduction reduction;

    private BinaryCrossEntropyOptions(Tensor weight, Tensor posWeight, Reduction reduction) {
        this.weight = weight;
        this.posWeight = posWeight;
        this.reduction = reduction;
    }

    /** @return no weights, the mean: PyTorch's defaults */
    public static BinaryCrossEntropyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A weight multiplying each element's term; the mean still divides by the element count.
     *
     * @param weight finite weights broadcastable to the input's shape (values copied; no gradient flows to them), or null
     * @return a copy with these weights
     */
    public BinaryCrossEntropyOptions weight(Tensor weight) {
        return new BinaryCrossEntropyOptions(copy("weight", weight), posWeight, reduction);
    }

    /**
     * @param weight finite weights along the last axis (a 1-D weight, broadcast over the others)
     * @return a copy with these weights
     */
    public BinaryCrossEntropyOptions weight(double... weight) {
        return weight(weight == null ? null : Tensor.constant(weight.clone(), weight.length));
    }

    /**
     * The weight p of the positive term: −(p·t·log σ(x) + (1 − t)·log(1 − σ(x))), which trades
     * recall for precision per class (logits only).
     *
     * @param posWeight finite weights broadcastable to the input's shape, usually one per class (last axis), or null
     * @return a copy with these positive weights
     */
    public BinaryCrossEntropyOptions posWeight(Tensor posWeight) {
        return new BinaryCrossEntropyOptions(weight, copy("posWeight", posWeight), reduction);
    }

    /**
     * @param posWeight finite positive weights along the last axis
     * @return a copy with these positive weights
     */
    public BinaryCrossEntropyOptions posWeight(double... posWeight) {
        return posWeight(posWeight == null ? null : Tensor.constant(posWeight.clone(), posWeight.length));
    }

    /**
     * @param reduction how the elementwise terms combine
     * @return a copy with this reduction
     */
    public BinaryCrossEntropyOptions reduction(Reduction reduction) {
        return new BinaryCrossEntropyOptions(weight, posWeight,
                Objects.requireNonNull(reduction, "binaryCrossEntropy: reduction is null"));
    }

    Tensor weight() {
        return weight;
    }

    Tensor posWeight() {
        return posWeight;
    }

    Reduction reduction() {
        return reduction;
    }

    private static Tensor copy(String name, Tensor t) {
        if (t == null) {
            return null;
        }
        double[] d = t.toArray();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("binaryCrossEntropy: " + name + " at flat index " + i + " is "
                        + d[i] + ", not finite");
            }
        }
        return Tensor.constant(d, t.shape());
    }

    /** @return the options as PyTorch would print its arguments */
    @Override
    public String toString() {
        return "BinaryCrossEntropyOptions[weight=" + (weight == null ? "null" : Arrays.toString(weight.shape()))
                + ", posWeight=" + (posWeight == null ? "null" : Arrays.toString(posWeight.shape()))
                + ", reduction=" + reduction + "]";
    }
}
