package dev.chainrule.nn;

import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer of {@link Neuron}s. Its parameters are {@code weight}, shape
 * [nout, nin] (row j holds neuron j's weights), and {@code bias}, shape [nout].
 */
public final class Layer implements Parameterized {
    private final int nin;
    private final List<Neuron> neurons;
    private final Map<String, Parameter> params;

    /**
     * A layer of {@code nout} neurons with {@code nin} inputs each; weights 0 until {@link #reset}.
     *
     * @param nin inputs per neuron
     * @param nout neurons in the layer
     * @param activation the activation of every neuron
     */
    public Layer(int nin, int nout, Activation activation) {
        if (nin <= 0 || nout <= 0) {
            throw new IllegalArgumentException("Layer: sizes must be > 0, got " + nin + " inputs, " + nout + " outputs");
        }
        this.nin = nin;
        List<Neuron> ns = new ArrayList<>(nout);
        List<Value> w = new ArrayList<>(nin * nout);
        List<Value> b = new ArrayList<>(nout);
        for (int j = 0; j < nout; j++) {
            Neuron n = new Neuron(nin, activation);
            ns.add(n);
            w.addAll(n.weights());
            b.add(n.bias());
        }
        this.neurons = Collections.unmodifiableList(ns);
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("weight", Parameter.of(w, nout, nin));
        p.put("bias", Parameter.of(b, nout));
        this.params = Collections.unmodifiableMap(p);
    }

    /**
     * Draws the weights with {@code init} from {@code rng} (fan in nin, fan out nout) and zeroes the biases.
     *
     * @param init how to draw the weights
     * @param rng the random draws
     * @return this
     */
    public Layer reset(Init init, RandomGenerator rng) {
        Objects.requireNonNull(init, "Layer.reset: init is null");
        init.fill(params.get("weight"), nin, neurons.size(), rng);
        Init.ZEROS.fill(params.get("bias"), nin, neurons.size(), rng);
        return this;
    }

    /**
     * Changes every neuron's activation (the weights stay); returns this.
     *
     * @param a the activation
     * @return this
     */
    public Layer activation(Activation a) {
        for (Neuron n : neurons) {
            n.activation(a);
        }
        return this;
    }

    /**
     * One output per neuron.
     *
     * @param x the input
     * @return one output per neuron
     */
    public List<Value> forward(List<Value> x) {
        Objects.requireNonNull(x, "Layer.forward: x is null");
        if (x.size() != nin) {
            throw new IllegalArgumentException("Layer.forward: " + x.size() + " inputs for a layer of neurons with "
                    + nin + " weights each");
        }
        List<Value> xs = Neuron.withOne(x); // once per layer, not once per neuron
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) {
            out.add(n.forwardWithOne(xs));
        }
        return out;
    }

    /**
     * The neurons, in order.
     *
     * @return the neurons, in order
     */
    public List<Neuron> neurons() {
        return neurons;
    }

    /**
     * Inputs per neuron.
     *
     * @return the number of inputs per neuron
     */
    public int inputs() {
        return nin;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return params;
    }

    /** {@code Layer(nin -> nout, ACTIVATION)}. */
    @Override
    public String toString() {
        return "Layer(" + nin + " -> " + neurons.size() + ", " + neurons.get(0).activation() + ")";
    }
}
