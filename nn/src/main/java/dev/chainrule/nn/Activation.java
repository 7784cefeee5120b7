package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.util.function.UnaryOperator;

/**
 * The nonlinearity after a layer, for scalar ({@link Value}) and tensor models alike.
 * {@link #SOFTMAX} works across a whole output vector, so it exists only for tensors.
 */
public enum Activation {
    /** No nonlinearity. */
    IDENTITY(x -> x, x -> x),
    /** 1/(1 + e^−x). */
    SIGMOID(Value::sigmoid, Tensor::sigmoid),
    /** tanh x. */
    TANH(Value::tanh, Tensor::tanh),
    /** max(0, x). */
    RELU(Value::relu, Tensor::relu),
    /** x for x &gt; 0, else 0.01·x. */
    LEAKY_RELU(x -> x.leakyRelu(Activation.LEAKY_SLOPE), x -> x.leakyRelu(Activation.LEAKY_SLOPE)),
    /** Softmax over the last axis (tensors only). */
    SOFTMAX(null, x -> x.softmax(-1));

    /** The slope of {@link #LEAKY_RELU} for negative inputs (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    /** The scalar form, null for an activation that needs a whole vector. */
    private final UnaryOperator<Value> onValue;
    private final UnaryOperator<Tensor> onTensor;

    Activation(UnaryOperator<Value> onValue, UnaryOperator<Tensor> onTensor) {
        this.onValue = onValue;
        this.onTensor = onTensor;
    }

    /**
     * Applies this activation to one scalar node.
     *
     * @param x the input
     * @return the activated node
     */
    public Value apply(Value x) {
        if (onValue == null) {
            throw new UnsupportedOperationException("Activation." + this + " needs a whole vector; "
                    + "use it on tensors (Activation.apply(Tensor)) or take the softmax in the loss");
        }
        return onValue.apply(x);
    }

    /**
     * Applies this activation to a tensor (elementwise; {@link #SOFTMAX} over the last axis).
     *
     * @param x the input
     * @return the activated node
     */
    public Tensor apply(Tensor x) {
        return onTensor.apply(x);
    }
}
