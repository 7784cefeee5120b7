package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A differentiable tensor function of your own, made by {@link CustomFunction#tensor} or
 * {@link CustomFunction#tensorGraph}; immutable, and safe to apply from several threads to
 * independent graphs (if your forward and backward are).
 */
public final class TensorFunction {
    private static final Tensor[] NO_TENSORS = new Tensor[0];

    private final String name;
    private final CustomFunction.TensorForward forward;
    private final CustomFunction.TensorBackward backward;
    /** True when the backward is written with graph ops and may be recorded (tensorGraph). */
    private final boolean graphBackward;

    TensorFunction(String name, CustomFunction.TensorForward forward, CustomFunction.TensorBackward backward,
                   boolean graphBackward) {
        this.name = name;
        this.forward = forward;
        this.backward = backward;
        this.graphBackward = graphBackward;
    }

    /**
     * The name the function's nodes carry ({@link Tensor#op()}, messages, graph pictures).
     *
     * @return the function's name
     */
    public String name() {
        return name;
    }

    /**
     * True when the backward is recorded under {@code createGraph}, so second derivatives work.
     *
     * @return whether the backward supports second derivatives
     */
    public boolean twiceDifferentiable() {
        return graphBackward;
    }

    /**
     * Applies the function: runs the forward on constants and records one node whose backward
     * is yours.
     *
     * @param inputs the arguments (none null)
     * @return the result, a graph node when an input wants a gradient and grad mode is on
     */
    public Tensor apply(Tensor... inputs) {
        Objects.requireNonNull(inputs, () -> name + ": inputs is null");
        Tensor[] in = inputs.clone();
        Tensor[] constants = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new NullPointerException("custom function '" + name + "': input " + i + " is null");
            }
            constants[i] = in[i].detach();
        }
        Tensor y;
        try (var off = GradMode.disabled(); var oneOp = anomalyScope()) {
            y = forward.apply(constants); // under anomaly mode the result is checked as one op (Tensor.make), not each step
        }
        if (y == null) {
            throw new IllegalArgumentException("custom function '" + name + "': the forward returned null");
        }
        if (y.requiresGrad) {
            throw new IllegalArgumentException("custom function '" + name + "': the forward returned " + y.describe()
                    + ", which wants a gradient; it runs on constants with recording off, so this is a tensor it "
                    + "captured (a parameter?) that would silently get no gradient. Pass it as an input instead.");
        }
        Tensor[] self = new Tensor[1];
        // a copy: the forward may return an input or a captured tensor, whose storage this node must not alias
        self[0] = Tensor.make(name, y.toArray(), y.shape(), Node.READS_ALL, g -> vjp(g, in, self[0]), in);
        return self[0];
    }

    /**
     * As {@link #apply(Tensor...)}, for a list of arguments.
     *
     * @param inputs the arguments, in the order the forward expects them
     * @return the function's result, recorded as one node
     */
    public Tensor apply(List<Tensor> inputs) {
        Objects.requireNonNull(inputs, () -> name + ": inputs is null");
        return apply(inputs.toArray(NO_TENSORS));
    }

    /** Anomaly mode checks the forward's result as one op, naming this function, not the steps inside it. */
    private static Anomaly.RuleScope anomalyScope() {
        return Anomaly.isEnabled() ? Anomaly.backwardRule() : null;
    }

    /** The node's rule: the user's backward, checked; under recording a numeric one refuses to go again. */
    private Tensor[] vjp(Tensor g, Tensor[] in, Tensor out) {
        if (graphBackward) {
            return checked(backward.vjp(g, in.clone(), out), in);
        }
        boolean recording = GradMode.isEnabled();
        Tensor[] grads;
        try (var off = GradMode.disabled()) {
            Tensor[] constants = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                constants[i] = in[i].detach();
            }
            grads = checked(backward.vjp(g.detach(), constants, out.detach()), in);
        }
        if (!recording) {
            return grads;
        }
        // createGraph: the gradients become nodes whose own backward refuses, naming this function
        Tensor[] from = new Tensor[in.length + 1];
        from[0] = g;
        System.arraycopy(in, 0, from, 1, in.length);
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null) {
                grads[i] = Tensor.make(name + " backward", grads[i].toArray(), grads[i].shape(), Node.READS_NONE,
                        gg -> {
                            throw CustomFunction.secondOrder(name, "tensor", "tensorGraph");
                        }, from);
            }
        }
        return grads;
    }

    /** One gradient per input, each null or of exactly that input's shape. */
    private Tensor[] checked(Tensor[] grads, Tensor[] in) {
        if (grads == null) {
            throw new IllegalStateException("custom function '" + name + "': the backward returned null; return an "
                    + "array with one gradient per input (" + in.length + "), null for an input that gets none");
        }
        if (grads.length != in.length) {
            throw new IllegalStateException("custom function '" + name + "': the backward returned " + grads.length
                    + " gradient" + (grads.length == 1 ? "" : "s") + " for " + in.length + " input"
                    + (in.length == 1 ? "" : "s") + "; return one per input, null for an input that gets none");
        }
        Tensor[] out = grads.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && !Arrays.equals(out[i].shape, in[i].shape)) {
                throw new IllegalStateException("custom function '" + name + "': the backward's gradient for input " + i
                        + " has shape " + Arrays.toString(out[i].shape) + " but input " + i + " has shape "
                        + Arrays.toString(in[i].shape) + "; return a gradient of the input's shape (sum over broadcast "
                        + "axes with sumTo)");
            }
        }
        return out;
    }

    /** The function's name and kind. */
    @Override
    public String toString() {
        return "TensorFunction(" + name + (graphBackward ? ", graph backward" : ", numeric backward") + ")";
    }
}
