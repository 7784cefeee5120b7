package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/**
 * Softmax along one axis (by default the last: class scores of a batch [B, C] become rows of
 * probabilities). For training a classifier, feed logits to {@link Loss#crossEntropy}
 * instead, which is stabler than a softmax followed by a log.
 */
public final class Softmax extends Module {
    private final int axis;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Softmax over {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        this.axis = axis;
    }

    /** e^x / Σ e^x along the axis. */
    @Override
    public Tensor forward(Tensor x) {
        return x.softmax(axis);
    }

    /** {@code Softmax(axis)}. */
    @Override
    public String toString() {
        return "Softmax(" + axis + ")";
    }
}
