package dev.chainrule.nn;

/** How a loss combines its per-element (or per-sample) terms, as PyTorch's {@code reduction}. */
public enum Reduction {
    /** The average over samples (PyTorch's default); a weighted class loss divides by the summed weights. */
    MEAN,
    /** The sum over samples. */
    SUM,
    /**
     * No reduction: the loss of each element (elementwise losses, in the input's shape) or of
     * each sample (class losses, in the labels' shape {@code [N]} or {@code [N, d1, ...]}).
     */
    NONE
}
