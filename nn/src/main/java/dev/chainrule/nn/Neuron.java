package dev.chainrule.nn;

import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One unit of a scalar network, micrograd style: {@code act(Σ wᵢxᵢ + b)}, with every weight
 * its own {@link Value} so each one's gradient can be inspected. The weighted sum with the
 * bias is a single {@link Value#dot} node, however many inputs there are.
 */
public final class Neuron {
    private final List<Value> weights;
    private final Value bias;
    private Activation activation;
    private final List<Value> dotWeights;

    /**
     * A neuron with {@code nin} inputs, all weights and the bias 0 (initialise through its {@link Layer}).
     *
     * @param nin inputs per neuron
     * @param activation the activation of every neuron
     */
    public Neuron(int nin, Activation activation) {
        if (nin <= 0) {
            throw new IllegalArgumentException("Neuron: number of inputs must be > 0, got " + nin);
        }
        this.activation = Objects.requireNonNull(activation, "Neuron: activation is null");
        List<Value> w = new ArrayList<>(nin);
        for (int i = 0; i < nin; i++) {
            w.add(Value.of(0));
        }
        this.weights = Collections.unmodifiableList(w);
        this.bias = Value.of(0);
        List<Value> dw = new ArrayList<>(w);
        dw.add(bias);
        this.dotWeights = dw;
    }

    /**
     * The neuron's output for inputs {@code x} (one value per weight).
     *
     * @param x the input
     * @return the neuron's output for inputs {@code x} (one value per weight)
     */
    public Value forward(List<Value> x) {
        Objects.requireNonNull(x, "Neuron.forward: x is null");
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException("Neuron.forward: " + x.size() + " inputs for a neuron with "
                    + weights.size() + " weights");
        }
        return forwardWithOne(withOne(x));
    }

    /** {@code x} followed by the constant 1 that the bias multiplies in the dot node. */
    static List<Value> withOne(List<Value> x) {
        List<Value> xs = new ArrayList<>(x.size() + 1);
        xs.addAll(x);
        xs.add(Value.constant(1)); // the bias rides in the same dot node
        return xs;
    }

    /** The output for inputs already extended by {@link #withOne}: a layer builds that list once for all its neurons. */
    Value forwardWithOne(List<Value> xs) {
        return activation.apply(Value.dot(dotWeights, xs));
    }

    /**
     * The weights (the leaves themselves).
     *
     * @return the weights (the leaves themselves)
     */
    public List<Value> weights() {
        return weights;
    }

    /**
     * The bias leaf.
     *
     * @return the bias leaf
     */
    public Value bias() {
        return bias;
    }

    /**
     * The activation.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /** Changes the activation (the weights stay). */
    void activation(Activation a) {
        this.activation = Objects.requireNonNull(a, "Neuron: activation is null");
    }

    /** {@code Neuron(n inputs, ACTIVATION)}. */
    @Override
    public String toString() {
        return "Neuron(" + weights.size() + " inputs, " + activation + ")";
    }
}
