package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** The hyperbolic tangent, elementwise, as a parameter-free module for {@link Sequential}. */
public final class Tanh extends Module {
    /** The Tanh module. */
    public Tanh() {
    }

    /** The hyperbolic tangent of each element of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    /** {@code Tanh}. */
    @Override
    public String toString() {
        return "Tanh";
    }
}
