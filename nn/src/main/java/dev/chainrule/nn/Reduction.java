package dev.chainrule.nn;

/** How a loss combines its per-sample terms. */
public enum Reduction {
    /** The average over samples (PyTorch's default). */
    MEAN,
    /** The sum over samples. */
    SUM
}
