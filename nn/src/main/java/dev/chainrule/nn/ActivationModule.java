package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Objects;

/** An {@link Activation} as a parameter-free module, for {@link Sequential}. */
public final class ActivationModule extends Module {
    private final Activation activation;

    /**
     * A module applying {@code activation}.
     *
     * @param activation the function to apply
     */
    public ActivationModule(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "ActivationModule: activation is null");
    }

    /**
     * Sigmoid.
     *
     * @return a sigmoid layer
     */
    public static ActivationModule sigmoid() {
        return new ActivationModule(Activation.SIGMOID);
    }

    /**
     * tanh.
     *
     * @return a tanh layer
     */
    public static ActivationModule tanh() {
        return new ActivationModule(Activation.TANH);
    }

    /**
     * ReLU.
     *
     * @return a ReLU layer
     */
    public static ActivationModule relu() {
        return new ActivationModule(Activation.RELU);
    }

    /**
     * Leaky ReLU (slope 0.01).
     *
     * @return a leaky ReLU layer
     */
    public static ActivationModule leakyRelu() {
        return new ActivationModule(Activation.LEAKY_RELU);
    }

    /**
     * Softmax over the last axis.
     *
     * @return a softmax layer
     */
    public static ActivationModule softmax() {
        return new ActivationModule(Activation.SOFTMAX);
    }

    /**
     * Identity.
     *
     * @return an identity layer
     */
    public static ActivationModule identity() {
        return new ActivationModule(Activation.IDENTITY);
    }

    @Override
    public Tensor forward(Tensor x) {
        return activated(activation, activation.apply(x));
    }

    /**
     * The activation.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /** The activation's name. */
    @Override
    public String summary() {
        return activation.toString();
    }
}
