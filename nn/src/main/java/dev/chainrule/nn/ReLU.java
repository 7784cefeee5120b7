package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** max(0, x) (gradient 0 at x = 0, as PyTorch), elementwise, as a parameter-free module for {@link Sequential}. */
public final class ReLU extends Module {
    /** The ReLU module. */
    public ReLU() {
    }

    /** max(0, x) (gradient 0 at x = 0, as PyTorch) of each element of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    /** {@code ReLU}. */
    @Override
    public String toString() {
        return "ReLU";
    }
}
