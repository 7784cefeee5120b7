package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron of {@link Linear} layers on tensors, built fluently:
 * <pre>{@code
 * MLP net = MLP.of(784, 512, 256, 10).activation(Activation.RELU).init(Init.HE).seed(42);
 * Tensor logits = net.forward(batch);                  // [B, 784] -> [B, 10]
 * Tensor loss = Loss.crossEntropy(logits, labels);
 * }</pre>
 * Hidden layers use {@link #activation} (default ReLU); the output layer uses
 * {@link #outputActivation} (default identity, i.e. logits, which is what
 * {@link Loss#crossEntropy} and {@link Loss#binaryCrossEntropyWithLogits} want).
 * {@link #dropout} adds inverted dropout after each hidden activation (training mode only).
 *
 * <p>Parameters are {@code layers.k.weight} [in, out] and {@code layers.k.bias} [out] for
 * layer k. Weights are drawn with the chosen {@link Init} (default Xavier uniform) from a
 * {@link SplittableRandom} with the chosen seed (default 0), layer by layer, biases are 0.
 * {@link #init(Init)} and {@link #seed} redraw everything from the seed, so the same calls give
 * the same model bit for bit, in any order. With the same sizes, init and seed, the model
 * computes exactly what a {@link ScalarMLP} computes (the same draws, see {@link Linear}).
 */
public final class MLP extends Module {
    /** Mixed into the seed so dropout masks and weight draws come from unrelated streams. */
    private static final long DROPOUT_SALT = 0x9E3779B97F4A7C15L;

    private final int[] sizes;
    private final ModuleList<Linear> layers;
    private Activation hidden = Activation.RELU;
    private Activation output = Activation.IDENTITY;
    private Init init = Init.XAVIER_UNIFORM;
    private long seed;
    private double dropoutP;
    private Dropout dropout;

    private MLP(int[] sizes) {
        this.sizes = sizes;
        SplittableRandom rng = new SplittableRandom(seed);
        List<Linear> ls = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            ls.add(new Linear(sizes[k], sizes[k + 1], init, rng));
        }
        this.layers = child("layers", new ModuleList<>(ls));
    }

    /**
     * An MLP with layer sizes {@code sizes[0]} (inputs) → … → {@code sizes[n−1]} (outputs),
     * at least two sizes, each &gt; 0.
     */
    public static MLP of(int... sizes) {
        Objects.requireNonNull(sizes, "MLP.of: sizes is null");
        if (sizes.length < 2) {
            throw new IllegalArgumentException("MLP.of: need at least an input and an output size, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("MLP.of: layer sizes must be > 0, got " + Arrays.toString(sizes));
            }
        }
        return new MLP(sizes.clone());
    }

    /** The hidden layers' activation (default ReLU); returns this. Weights are not redrawn. */
    public MLP activation(Activation a) {
        this.hidden = Objects.requireNonNull(a, "MLP.activation: activation is null");
        return this;
    }

    /** The output layer's activation (default identity); returns this. Weights are not redrawn. */
    public MLP outputActivation(Activation a) {
        this.output = Objects.requireNonNull(a, "MLP.outputActivation: activation is null");
        return this;
    }

    /** Redraws all weights with {@code init} from the seed and zeroes the biases; returns this. */
    public MLP init(Init init) {
        this.init = Objects.requireNonNull(init, "MLP.init: init is null");
        redraw(new SplittableRandom(seed));
        return this;
    }

    /** Redraws all weights with {@code init} from the caller's generator; returns this. */
    public MLP init(Init init, RandomGenerator rng) {
        this.init = Objects.requireNonNull(init, "MLP.init: init is null");
        redraw(Objects.requireNonNull(rng, "MLP.init: rng is null"));
        return this;
    }

    /** Redraws all weights from {@code seed} (and restarts the dropout masks from it); returns this. */
    public MLP seed(long seed) {
        this.seed = seed;
        redraw(new SplittableRandom(seed));
        resetDropout();
        return this;
    }

    /**
     * Inverted dropout with probability {@code p} ∈ [0, 1] after each hidden activation, in
     * training mode only (0, the default, turns it off); masks come from the seed. Returns this.
     */
    public MLP dropout(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("MLP.dropout: p must be in [0, 1], got " + p);
        }
        this.dropoutP = p;
        resetDropout();
        return this;
    }

    private void resetDropout() {
        dropout = dropoutP == 0 ? null : new Dropout(dropoutP, new SplittableRandom(seed ^ DROPOUT_SALT));
        if (dropout != null) {
            dropout.train(isTraining());
        }
    }

    private void redraw(RandomGenerator rng) {
        for (Linear l : layers.modules()) {
            l.reset(init, rng);
        }
    }

    /** Sets the mode of the layers and of the dropout; returns this. */
    @Override
    public MLP train(boolean on) {
        super.train(on);
        if (dropout != null) {
            dropout.train(on);
        }
        return this;
    }

    /** The outputs for a batch {@code x} of shape [B, inputs] (or one sample [inputs]). */
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "MLP.forward: x is null");
        int last = layers.size() - 1;
        Tensor h = x;
        for (int k = 0; k < last; k++) {
            h = hidden.apply(layers.get(k).forward(h));
            if (dropout != null) {
                h = dropout.forward(h);
            }
        }
        return output.apply(layers.get(last).forward(h));
    }

    /** The layers, in order. */
    public List<Linear> layers() {
        return layers.modules();
    }

    /** The layer sizes, inputs first (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** {@code MLP[784, 512, 10], RELU/IDENTITY}. */
    @Override
    public String toString() {
        return "MLP" + Arrays.toString(sizes) + ", " + hidden + "/" + output
                + (dropoutP == 0 ? "" : ", dropout " + dropoutP);
    }
}
