package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** The identity (a placeholder, e.g. for a linear output layer), elementwise, as a parameter-free module for {@link Sequential}. */
public final class Identity extends Module {
    /** The Identity module. */
    public Identity() {
    }

    /** The identity (a placeholder, e.g. for a linear output layer) of each element of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return x;
    }

    /** {@code Identity}. */
    @Override
    public String toString() {
        return "Identity";
    }
}
