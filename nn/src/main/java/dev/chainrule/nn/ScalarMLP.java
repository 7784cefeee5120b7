package dev.chainrule.nn;

import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron made of scalar {@link Value}s, micrograd style: every weight is a
 * graph node whose gradient a student can look at. It shares the optimizers of the tensor
 * models through {@link #parameters()}.
 *
 * <pre>{@code
 * ScalarMLP net = ScalarMLP.of(2, 16, 16, 1).activation(Activation.RELU).seed(7);
 * Value score = net.forward(Value.constant(x0), Value.constant(x1)).get(0);
 * }</pre>
 *
 * Parameters are named {@code layers.k.weight} (shape [out, in]) and {@code layers.k.bias}.
 * The model is built with Xavier-uniform weights from seed 0; {@link #init} and {@link #seed}
 * redraw them (the activation setters leave them), so a chain of these calls gives the same
 * model in any order.
 */
public final class ScalarMLP implements Parameterized {
    private final int[] sizes;
    private Activation hidden = Activation.RELU;
    private Activation output = Activation.IDENTITY;
    private Init init = Init.XAVIER_UNIFORM;
    private long seed;
    private final List<Layer> layers;
    private final Map<String, Parameter> params;

    private ScalarMLP(int[] sizes) {
        this.sizes = sizes;
        List<Layer> ls = new ArrayList<>();
        Map<String, Parameter> ps = new LinkedHashMap<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            Layer l = new Layer(sizes[k], sizes[k + 1], k + 2 == sizes.length ? output : hidden);
            ls.add(l);
            for (Map.Entry<String, Parameter> e : l.namedParameters().entrySet()) {
                ps.put("layers." + k + "." + e.getKey(), e.getValue());
            }
        }
        this.layers = Collections.unmodifiableList(ls);
        this.params = Collections.unmodifiableMap(ps);
        redraw(new SplittableRandom(seed));
    }

    /**
     * An MLP with layer sizes {@code sizes[0]} (inputs) → … → {@code sizes[n−1]} (outputs).
     *
     * @param sizes at least two layer sizes, all positive
     * @return an MLP with layer sizes {@code sizes[0]} (inputs) → … → {@code sizes[n−1]} (outputs)
     */
    public static ScalarMLP of(int... sizes) {
        return new ScalarMLP(LayerSizes.checked("ScalarMLP.of", sizes));
    }

    /**
     * The hidden layers' activation (default ReLU); the weights stay.
     *
     * @param a the hidden layers' activation
     * @return this network
     */
    public ScalarMLP activation(Activation a) {
        this.hidden = Objects.requireNonNull(a, "ScalarMLP.activation: null");
        for (int k = 0; k + 1 < layers.size(); k++) {
            layers.get(k).activation(a);
        }
        return this;
    }

    /**
     * The output layer's activation (default identity); the weights stay.
     *
     * @param a the output layer's activation
     * @return this network
     */
    public ScalarMLP outputActivation(Activation a) {
        this.output = Objects.requireNonNull(a, "ScalarMLP.outputActivation: null");
        layers.get(layers.size() - 1).activation(a);
        return this;
    }

    /**
     * Redraws the weights with {@code init} from the seed.
     *
     * @param init how to draw the weights
     * @return this
     */
    public ScalarMLP init(Init init) {
        this.init = Objects.requireNonNull(init, "ScalarMLP.init: null");
        redraw(new SplittableRandom(seed));
        return this;
    }

    /**
     * Redraws the weights from {@code seed} (a {@link SplittableRandom}).
     *
     * @param seed the seed
     * @return this
     */
    public ScalarMLP seed(long seed) {
        this.seed = seed;
        redraw(new SplittableRandom(seed));
        return this;
    }

    /**
     * Redraws the weights from the caller's generator.
     *
     * @param init how to draw the weights
     * @param rng the random draws
     * @return this
     */
    public ScalarMLP init(Init init, RandomGenerator rng) {
        this.init = Objects.requireNonNull(init, "ScalarMLP.init: null");
        redraw(Objects.requireNonNull(rng, "ScalarMLP.init: rng is null"));
        return this;
    }

    private void redraw(RandomGenerator rng) {
        for (Layer l : layers) {
            l.reset(init, rng);
        }
    }

    /**
     * The outputs for inputs {@code x}.
     *
     * @param x the input
     * @return the outputs for inputs {@code x}
     */
    public List<Value> forward(List<Value> x) {
        Objects.requireNonNull(x, "ScalarMLP.forward: x is null");
        if (x.size() != sizes[0]) {
            throw new IllegalArgumentException("ScalarMLP.forward: " + x.size() + " inputs for a network with "
                    + sizes[0]);
        }
        List<Value> h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }

    /**
     * The outputs for constant inputs {@code x}.
     *
     * @param x the input
     * @return the outputs for constant inputs {@code x}
     */
    public List<Value> forward(double... x) {
        List<Value> xs = new ArrayList<>(x.length);
        for (double d : x) {
            xs.add(Value.constant(d));
        }
        return forward(xs);
    }

    /**
     * The layers, in order.
     *
     * @return the layers, in order
     */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return params;
    }

    /** {@code ScalarMLP[3, 2, 1], SIGMOID/SIGMOID}. */
    @Override
    public String toString() {
        return "ScalarMLP" + java.util.Arrays.toString(sizes) + ", " + hidden + "/" + output;
    }
}
