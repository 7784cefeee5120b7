package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** The logistic function 1/(1 + e^−x), elementwise, as a parameter-free module for {@link Sequential}. */
public final class Sigmoid extends Module {
    /** The Sigmoid module. */
    public Sigmoid() {
    }

    /** The logistic function 1/(1 + e^−x) of each element of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    /** {@code Sigmoid}. */
    @Override
    public String toString() {
        return "Sigmoid";
    }
}
