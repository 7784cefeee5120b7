package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer {@code y = x·W + b}: one matmul and one broadcast add, for a batch
 * {@code x} of shape [B, in] (or a single [in], or [..., in]).
 *
 * <p><b>Layout:</b> {@code weight} has shape <b>[in, out]</b> (column j holds unit j's
 * incoming weights, the lecture notes' W, so the product needs no transpose); {@code bias}
 * has shape [out]. PyTorch stores the transpose [out, in]; a PyTorch weight loads here
 * transposed. Initial weights are drawn in PyTorch's [out, in] order and stored transposed,
 * so a layer drawn from the same generator computes exactly what the scalar {@link Layer}
 * (and {@link ScalarMLP}) drawn from it computes.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with Xavier-uniform weights from a fixed seed (0) and zero bias; pass a
     * generator ({@link #Linear(int, int, Init, RandomGenerator)}) for a different draw.
     */
    public Linear(int in, int out) {
        this(in, out, true, Init.XAVIER_UNIFORM, new SplittableRandom(0));
    }

    /** A layer with weights drawn by {@code init} from {@code rng} and zero bias. */
    public Linear(int in, int out, Init init, RandomGenerator rng) {
        this(in, out, true, init, rng);
    }

    /** As {@link #Linear(int, int, Init, RandomGenerator)}; {@code withBias} false leaves out b. */
    public Linear(int in, int out, boolean withBias, Init init, RandomGenerator rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be > 0, got in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = register("weight", Tensor.of(new double[in * out], in, out));
        this.bias = withBias ? register("bias", Tensor.of(new double[out], out)) : null;
        reset(init, rng);
    }

    /**
     * Redraws the weights with {@code init} (fan in = in, fan out = out) from {@code rng}, in
     * [out, in] order, and zeroes the bias; returns this.
     */
    public Linear reset(Init init, RandomGenerator rng) {
        Objects.requireNonNull(init, "Linear.reset: init is null");
        Objects.requireNonNull(rng, "Linear.reset: rng is null");
        double[] drawn = new double[in * out];
        init.fill(drawn, in, out, rng);
        double[] w = weight.leafArray();
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                w[i * out + j] = drawn[j * in + i];
            }
        }
        if (bias != null) {
            Arrays.fill(bias.leafArray(), 0.0);
        }
        return this;
    }

    /** {@code x·W + b} for x of shape [..., in]; the result has shape [..., out]. */
    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "Linear.forward: x is null");
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("Linear.forward: input of shape " + Arrays.toString(s)
                    + " does not end in " + in + " features (expected [batch, " + in + "] or [" + in + "])");
        }
        Tensor y = x.matmul(weight);
        return bias == null ? y : y.add(bias);
    }

    /** The weight leaf, shape [in, out]; read its {@code grad()} after a backward pass. */
    public Tensor weight() {
        return weight;
    }

    /** The bias leaf, shape [out], or null for a layer without bias. */
    public Tensor bias() {
        return bias;
    }

    /** Number of input features. */
    public int inFeatures() {
        return in;
    }

    /** Number of output features. */
    public int outFeatures() {
        return out;
    }

    /** {@code Linear(in -> out)}. */
    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + (bias == null ? ", no bias" : "") + ")";
    }
}
