package dev.chainrule.nn;

import dev.chainrule.autograd.DType;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A multilayer perceptron of {@link Linear} layers on tensors:
 * <pre>{@code
 * MLP net = MLP.of(784, 512, 256, 10).activation(Activation.RELU).init(Init.HE).seed(1);
 * Tensor logits = net.forward(batch);           // [batch, 10]
 * }</pre>
 * Hidden layers use {@link #activation} (default ReLU), the output layer
 * {@link #outputActivation} (default identity: logits for {@link Loss#crossEntropy}).
 * Parameters are {@code layers.k.weight} [out, in] (PyTorch's layout) and {@code layers.k.bias} [out]. Weights
 * are drawn with the chosen {@link Init} (default Xavier uniform) from a {@link SplittableRandom}
 * with the chosen seed (default 0), biases are 0; {@code init} and {@code seed} redraw, so the
 * same calls give the same model bit for bit, in any order. {@link #dropout} adds inverted
 * dropout after each hidden activation, active in training mode only, with masks from the seed.
 * {@link #normalization} puts a {@link BatchNorm1d} or {@link LayerNorm} between each hidden
 * layer's product and its activation (children {@code norms.k}); {@link #residual} adds the
 * layer's input to its output, h + act(norm(h·Wᵀ + b)), on every hidden layer whose input and
 * output sizes agree (the first layer, which changes the size, stays plain). {@link #dtype(DType)}
 * stores every parameter and buffer in float32 or float64 (the default); the model then refuses
 * input of the other type (convert the batches with {@code x.to(dtype)} or
 * {@link dev.chainrule.nn.data.DataLoader#dtype}).
 */
public final class MLP extends Module {
    private final int[] sizes;
    private final List<Linear> layers;
    private Activation hidden = Activation.RELU;
    private Activation output = Activation.IDENTITY;
    private Init init = Init.XAVIER_UNIFORM;
    private long seed;
    private double dropoutP;
    private Dropout dropout;
    private Normalization normalization = Normalization.NONE;
    private List<Module> norms = List.of();
    private boolean residual;

    /** What {@link #normalization} puts after each hidden layer's product. */
    public enum Normalization {
        /** No normalization (the default). */
        NONE,
        /** {@link BatchNorm1d} over the batch. */
        BATCH_NORM,
        /** {@link LayerNorm} over the features. */
        LAYER_NORM
    }

    private MLP(int[] sizes) {
        this.sizes = sizes;
        List<Linear> ls = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.length; k++) {
            ls.add(new Linear(sizes[k], sizes[k + 1], true));
        }
        // a Sequential only to name and hold the layers (layers.k.weight); forward interleaves activations
        child("layers", new Sequential(ls.toArray(new Module[0])));
        this.layers = Collections.unmodifiableList(ls);
        redraw(new SplittableRandom(seed));
    }

    /**
     * An MLP with layer sizes {@code sizes[0]} (inputs) → … → {@code sizes[n−1]} (outputs).
     *
     * @param sizes at least two layer sizes, all positive
     * @return the network, weights drawn with the defaults
     */
    public static MLP of(int... sizes) {
        return new MLP(LayerSizes.checked("MLP.of", sizes));
    }

    /**
     * The hidden layers' activation; returns this.
     *
     * @param a the hidden activation
     * @return this network
     */
    public MLP activation(Activation a) {
        this.hidden = Objects.requireNonNull(a, "MLP.activation: null");
        return this;
    }

    /**
     * The output layer's activation; returns this.
     *
     * @param a the output activation
     * @return this network
     */
    public MLP outputActivation(Activation a) {
        this.output = Objects.requireNonNull(a, "MLP.outputActivation: null");
        return this;
    }

    /**
     * Redraws the weights with {@code init} from the seed; returns this.
     *
     * @param init how to draw the weights
     * @return this network
     */
    public MLP init(Init init) {
        this.init = Objects.requireNonNull(init, "MLP.init: null");
        redraw(new SplittableRandom(seed));
        return this;
    }

    /**
     * Redraws the weights from {@code seed} (and restarts the dropout masks from it); returns this.
     *
     * @param seed seeds the weights and the dropout masks
     * @return this network
     */
    public MLP seed(long seed) {
        this.seed = seed;
        redraw(new SplittableRandom(seed));
        resetDropout();
        return this;
    }

    /**
     * Inverted dropout with probability {@code p} ∈ [0, 1) after each hidden activation, in
     * training mode only ({@code 0}, the default, turns it off); returns this.
     *
     * @param p the dropout probability
     * @return this network
     */
    public MLP dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("MLP.dropout: p must be in [0, 1), got " + p);
        }
        this.dropoutP = p;
        resetDropout();
        return this;
    }

    /**
     * Normalizes each hidden layer's pre-activation with {@code n} (default {@link Normalization#NONE});
     * the normalization layers are children {@code norms.k}, freshly made; returns this.
     *
     * @param n which normalization
     * @return this network
     */
    public MLP normalization(Normalization n) {
        this.normalization = Objects.requireNonNull(n, "MLP.normalization: null");
        List<Module> ms = new ArrayList<>();
        for (int k = 0; k + 2 < sizes.length; k++) {
            int width = sizes[k + 1];
            ms.add(n == Normalization.BATCH_NORM ? new BatchNorm1d(width) : new LayerNorm(width));
        }
        DType type = dtype(); // new layers take the model's type
        ms.forEach(m -> m.to(type));
        this.norms = n == Normalization.NONE || ms.isEmpty() ? List.of() : List.copyOf(ms);
        replaceChild("norms", norms.isEmpty() ? null : new Sequential(norms.toArray(new Module[0])));
        return this;
    }

    /**
     * Stores the parameters (and the normalization layers' buffers, now and when
     * {@link #normalization} makes new ones) in {@code dtype}; returns this. The same as
     * {@link #to(DType)}, named as a builder step: {@code MLP.of(784, 256, 10).dtype(DType.F32)}.
     *
     * @param dtype {@link DType#F32} or {@link DType#F64} (the default)
     * @return this network
     */
    public MLP dtype(DType dtype) {
        return to(dtype);
    }

    /**
     * Converts the parameters and buffers to {@code dtype} ({@link Module#to(DType)}); returns this.
     *
     * @param dtype the type wanted
     * @return this network
     */
    @Override
    public MLP to(DType dtype) {
        super.to(dtype);
        return this;
    }

    /**
     * Residual connections h + act(norm(h·Wᵀ + b)) on the hidden layers whose input and output
     * sizes agree ({@code false}, the default, turns them off); returns this.
     *
     * @param on whether to add the residual connections
     * @return this network
     */
    public MLP residual(boolean on) {
        this.residual = on;
        return this;
    }

    /** Masks come from a stream of their own, so turning dropout on leaves the weight draws alone. */
    private void resetDropout() {
        dropout = dropoutP == 0 ? null : new Dropout(dropoutP, new SplittableRandom(seed).split());
        if (dropout != null) {
            dropout.train(isTraining());
        }
    }

    /**
     * Sets the mode of the layers and of the dropout; returns this.
     *
     * @param on true for training mode, false for inference
     * @return this network
     */
    @Override
    public MLP train(boolean on) {
        super.train(on);
        if (dropout != null) {
            dropout.train(on);
        }
        return this;
    }

    /**
     * Redraws the weights with {@code init} from the caller's generator; returns this.
     *
     * @param init how to draw the weights
     * @param rng  the random draws
     * @return this network
     */
    public MLP init(Init init, RandomGenerator rng) {
        this.init = Objects.requireNonNull(init, "MLP.init: null");
        redraw(Objects.requireNonNull(rng, "MLP.init: rng is null"));
        return this;
    }

    private void redraw(RandomGenerator rng) {
        for (Linear l : layers) {
            l.reset(init, rng);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        int last = layers.size() - 1;
        for (int k = 0; k < last; k++) {
            Tensor in = h;
            if (norms.isEmpty()) {
                h = layers.get(k).forward(h, hidden);
            } else {
                h = hidden.apply(norms.get(k).forward(layers.get(k).forward(h)));
            }
            activated(hidden, h);
            if (residual && sizes[k] == sizes[k + 1]) {
                h = in.add(h);
            }
            if (dropout != null) {
                h = dropout.forward(h);
            }
        }
        return layers.get(last).forward(h, output);
    }

    /**
     * The layers in order.
     *
     * @return the layers (unmodifiable)
     */
    public List<Linear> layers() {
        return layers;
    }

    /** {@code MLP[784, 512, 10], RELU/IDENTITY}. */
    @Override
    public String summary() {
        return "MLP" + Arrays.toString(sizes) + ", " + hidden + "/" + output
                + (dropoutP == 0 ? "" : ", dropout " + dropoutP)
                + (normalization == Normalization.NONE ? "" : ", " + normalization)
                + (residual ? ", residual" : "");
    }
}
