package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;

/**
 * The nonlinearity after a layer, for scalar ({@link Value}) and tensor models alike.
 * {@link #SOFTMAX} works across a whole output vector, so it exists only for tensors.
 */
public enum Activation {
    /** No nonlinearity. */
    IDENTITY,
    /** 1/(1 + e^−x). */
    SIGMOID,
    /** tanh x. */
    TANH,
    /** max(0, x). */
    RELU,
    /** x for x &gt; 0, else 0.01·x. */
    LEAKY_RELU,
    /** Softmax over the last axis (tensors only). */
    SOFTMAX;

    /** The slope of {@link #LEAKY_RELU} for negative inputs (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    /** Applies this activation to one scalar node. */
    public Value apply(Value x) {
        switch (this) {
            case IDENTITY:
                return x;
            case SIGMOID:
                return x.sigmoid();
            case TANH:
                return x.tanh();
            case RELU:
                return x.relu();
            case LEAKY_RELU:
                return x.leakyRelu(LEAKY_SLOPE);
            default:
                throw new UnsupportedOperationException("Activation." + this + " needs a whole vector; "
                        + "use it on tensors (Activation.apply(Tensor)) or take the softmax in the loss");
        }
    }

    /** Applies this activation to a tensor (elementwise; {@link #SOFTMAX} over the last axis). */
    public Tensor apply(Tensor x) {
        switch (this) {
            case IDENTITY:
                return x;
            case SIGMOID:
                return x.sigmoid();
            case TANH:
                return x.tanh();
            case RELU:
                return x.relu();
            case LEAKY_RELU:
                return x.leakyRelu(LEAKY_SLOPE);
            case SOFTMAX:
                return x.softmax(-1);
            default:
                throw new AssertionError(this);
        }
    }
}
