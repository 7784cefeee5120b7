package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A fully connected layer y = x·Wᵀ + b for x of shape [..., in] (PyTorch's {@code nn.Linear}).
 * The weight has shape [out, in], as in PyTorch and {@link ScalarMLP}'s layers: row j holds
 * unit j's incoming weights; the bias has shape [out]. Parameters: {@code weight},
 * {@code bias}. The product reads the weight transposed in place ({@link Tensor#linear}), so
 * the layout costs no copy; a PyTorch state dict loads as it is
 * ({@link dev.chainrule.nn.io.Checkpoint#loadPyTorch}).
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final boolean hasBias;

    /**
     * A layer with weights drawn by {@code init} from {@code rng} and zero biases.
     *
     * @param in   input features
     * @param out  output features
     * @param init how to draw the weights
     * @param rng  the random draws
     */
    public Linear(int in, int out, Init init, RandomGenerator rng) {
        this(in, out, true);
        reset(init, rng);
    }

    /**
     * A layer with Xavier-uniform weights (the {@link MLP} default) drawn from {@code rng} and zero biases.
     *
     * @param in  input features
     * @param out output features
     * @param rng the random draws
     */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, Init.XAVIER_UNIFORM, rng);
    }

    /**
     * A layer with all parameters 0 (fill them with {@link #reset} or a checkpoint); {@code bias} false omits b.
     *
     * @param in   input features
     * @param out  output features
     * @param bias whether the layer adds a bias
     */
    public Linear(int in, int out, boolean bias) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be > 0, got in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        this.hasBias = bias;
        register("weight", Tensor.of(new double[out * in], out, in));
        if (bias) {
            register("bias", Tensor.of(new double[out], out));
        }
    }

    /**
     * Draws the weights with {@code init} (fan in = in, fan out = out) and zeroes the bias; returns
     * this. The draws are taken in [in, out] order and stored transposed, as before the weight
     * became [out, in], so a seed still gives the model (and the runs) it gave then.
     *
     * @param init how to draw the weights
     * @param rng  the random draws
     * @return this layer
     */
    public Linear reset(Init init, RandomGenerator rng) {
        Objects.requireNonNull(init, "Linear.reset: init is null");
        double[] inOut = new double[in * out];
        init.fill(inOut, in, out, rng);
        weight().update(w -> {
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    w[o * in + i] = inOut[i * out + o];
                }
            }
        });
        if (hasBias) {
            bias().update(b -> java.util.Arrays.fill(b, 0.0));
        }
        return this;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        // one fused node (bias preloaded, product added by the kernel) instead of matmul then add
        return hasBias ? x.linear(weight(), bias()) : x.linear(weight());
    }

    /**
     * {@code activation.apply(forward(x))}; with a bias and {@link Activation#RELU} it is one
     * fused op ({@link Tensor#linearRelu}), which an MLP's hidden layers use.
     *
     * @param x          the input [..., in]
     * @param activation applied to the layer's output
     * @return the output [..., out]
     */
    public Tensor forward(Tensor x, Activation activation) {
        Objects.requireNonNull(activation, "Linear.forward: activation is null");
        if (activation == Activation.RELU && hasBias) {
            checkInput(x);
            return x.linearRelu(weight(), bias());
        }
        return activation.apply(forward(x));
    }

    private void checkInput(Tensor x) {
        Objects.requireNonNull(x, "Linear.forward: x is null");
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != in) {
            throw new IllegalArgumentException("Linear.forward: input of shape " + java.util.Arrays.toString(s)
                    + " does not end in " + in + " features");
        }
        checkInputType("Linear.forward", x);
    }

    /**
     * The weight tensor [out, in], PyTorch's layout (a leaf; its gradient is read after backward).
     *
     * @return the weight leaf [out, in]
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias tensor [out], or null when the layer has none.
     *
     * @return the bias leaf [out], or null
     */
    public Tensor bias() {
        return hasBias ? parameter("bias") : null;
    }

    /** {@code Linear(in -> out)}. */
    @Override
    public String summary() {
        return "Linear(" + in + " -> " + out + (hasBias ? "" : ", no bias") + ")";
    }
}
