package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;

/** x for x &gt; 0, else slope·x, elementwise, as a parameter-free module for {@link Sequential}. */
public final class LeakyReLU extends Module {
    private final double slope;

    /** Leaky ReLU with PyTorch's default negative slope 0.01 ({@link Activation#LEAKY_SLOPE}). */
    public LeakyReLU() {
        this(Activation.LEAKY_SLOPE);
    }

    /** Leaky ReLU with the given negative slope (finite). */
    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** Leaky ReLU of each element of {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    /** The negative slope. */
    public double slope() {
        return slope;
    }

    /** {@code LeakyReLU(slope)}. */
    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }
}
