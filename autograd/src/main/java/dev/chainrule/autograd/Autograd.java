package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Functional gradients: derivatives returned as values rather than accumulated into leaves,
 * optionally as graphs themselves so they can be differentiated again (second derivatives,
 * Hessians, Hessian-vector products).
 *
 * <pre>{@code
 * Value x = Value.of(3);
 * Value y = x.pow(3);
 * Value dy = Autograd.grad(y, List.of(x), true).get(0);   // 3x² = 27, itself a graph
 * Value d2y = Autograd.grad(dy, List.of(x), false).get(0); // 6x = 18
 * }</pre>
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * d(output)/d(input) for each input, without touching any {@link Value#grad()}.
     *
     * @param createGraph when true the gradients are graphs that can be differentiated again
     *                    (and the graph of {@code output} is kept); when false they are constants
     *                    and the graph is released
     * @return one gradient per input, in order; an input that {@code output} does not depend
     *         on gets a constant 0
     */
    public static List<Value> grad(Value output, List<Value> inputs, boolean createGraph) {
        return grad(output, inputs, createGraph, createGraph);
    }

    /**
     * As {@link #grad(Value, List, boolean)}, choosing separately whether the graph of
     * {@code output} stays usable for further backward passes ({@code retainGraph}).
     */
    public static List<Value> grad(Value output, List<Value> inputs, boolean createGraph, boolean retainGraph) {
        Objects.requireNonNull(output, "Autograd.grad: output is null");
        Objects.requireNonNull(inputs, "Autograd.grad: inputs is null");
        if (!output.requiresGrad) {
            throw new IllegalStateException("Autograd.grad: the output " + output.describe()
                    + " does not require a gradient; it was not computed from any Value.of(...) input "
                    + "with grad mode on");
        }
        Map<Node, Node> grads;
        try (var mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
            grads = Engine.gradients(new Node[] {output}, new Node[] {Value.constant(1)}, retainGraph);
        }
        List<Value> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Value in = Objects.requireNonNull(inputs.get(i), "Autograd.grad: inputs[" + i + "] is null");
            Value g = (Value) grads.get(in);
            result.add(g == null ? Value.constant(0) : g);
        }
        return result;
    }

    /**
     * Tensor gradients as values: {@code d(Σ_i outputs[i] · gradOutputs[i]) / d(input)} for each
     * input, without touching any {@link Tensor#grad()}.
     *
     * @param gradOutputs one seed per output, each of that output's shape (they may themselves
     *                    require gradients, e.g. for the double-vjp trick); null means 1 for
     *                    single-element outputs
     * @param createGraph when true the gradients are graphs that can be differentiated again
     * @param retainGraph when true the graph of the outputs stays usable for another pass
     * @return one gradient per input, of that input's shape; an input the outputs do not
     *         depend on gets a constant tensor of zeros
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean createGraph, boolean retainGraph) {
        Objects.requireNonNull(outputs, "Autograd.grad: outputs is null");
        Objects.requireNonNull(inputs, "Autograd.grad: inputs is null");
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("Autograd.grad: " + outputs.size() + " outputs but "
                    + gradOutputs.size() + " gradOutputs; give one seed per output (or null)");
        }
        Node[] roots = new Node[outputs.size()];
        Node[] seeds = new Node[outputs.size()];
        for (int i = 0; i < roots.length; i++) {
            Tensor out = Objects.requireNonNull(outputs.get(i), "Autograd.grad: outputs[" + i + "] is null");
            if (!out.requiresGrad) {
                throw new IllegalStateException("Autograd.grad: outputs[" + i + "] " + out.describe()
                        + " does not require a gradient; it was not computed from any Tensor.of(...) input "
                        + "with grad mode on");
            }
            Tensor seed = gradOutputs == null ? null : gradOutputs.get(i);
            if (seed == null) {
                if (out.size() != 1) {
                    throw new IllegalArgumentException("Autograd.grad: outputs[" + i + "] has shape "
                            + Arrays.toString(out.shape) + "; a non-scalar output needs a gradOutputs seed");
                }
                seed = Tensor.full(1, out.shape);
            } else if (!Arrays.equals(seed.shape, out.shape)) {
                throw new IllegalArgumentException("Autograd.grad: gradOutputs[" + i + "] has shape "
                        + Arrays.toString(seed.shape) + " but outputs[" + i + "] has shape "
                        + Arrays.toString(out.shape));
            }
            roots[i] = out;
            seeds[i] = seed;
        }
        Map<Node, Node> grads;
        try (var mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
            grads = Engine.gradients(roots, seeds, retainGraph);
        }
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = Objects.requireNonNull(inputs.get(i), "Autograd.grad: inputs[" + i + "] is null");
            Tensor g = (Tensor) grads.get(in);
            result.add(g == null ? Tensor.zeros(in.shape) : g);
        }
        return result;
    }

    /** As {@link #grad(List, List, List, boolean, boolean)} for one scalar output. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        Objects.requireNonNull(output, "Autograd.grad: output is null");
        return grad(List.of(output), inputs, null, createGraph, createGraph);
    }

    /**
     * The Hessian matrix of a scalar function at {@code x}: {@code h[i][j] = d²f / dx_i dx_j}.
     *
     * @param f a function of {@code x.length} values built from {@link Value} operations
     */
    public static double[][] hessian(Function<List<Value>, Value> f, double... x) {
        List<Value> vars = variables("Autograd.hessian", x);
        Value y = apply(f, vars, "Autograd.hessian");
        double[][] h = new double[x.length][x.length];
        if (!y.requiresGrad) {
            return h; // a constant function
        }
        List<Value> first = grad(y, vars, true);
        for (int i = 0; i < x.length; i++) {
            if (first.get(i).requiresGrad) {
                List<Value> second = grad(first.get(i), vars, false, true);
                for (int j = 0; j < x.length; j++) {
                    h[i][j] = second.get(j).data();
                }
            }
        }
        return h;
    }

    /** The gradient of a scalar function at {@code x}, as numbers. */
    public static double[] gradient(Function<List<Value>, Value> f, double... x) {
        List<Value> vars = variables("Autograd.gradient", x);
        Value y = apply(f, vars, "Autograd.gradient");
        double[] out = new double[x.length];
        if (!y.requiresGrad) {
            return out; // a constant function
        }
        List<Value> g = grad(y, vars, false);
        for (int i = 0; i < out.length; i++) {
            out[i] = g.get(i).data();
        }
        return out;
    }

    /**
     * The Hessian-vector product H(x)·v of a scalar function without forming H: the gradient
     * of (∇f · v), computed by differentiating twice.
     */
    public static double[] hvp(Function<List<Value>, Value> f, double[] x, double[] v) {
        List<Value> vars = variables("Autograd.hvp", x);
        Objects.requireNonNull(v, "Autograd.hvp: v is null");
        if (x.length != v.length) {
            throw new IllegalArgumentException("Autograd.hvp: x has " + x.length + " entries but v has " + v.length);
        }
        Value y = apply(f, vars, "Autograd.hvp");
        if (!y.requiresGrad) {
            return new double[x.length]; // a constant function
        }
        List<Value> first = grad(y, vars, true);
        Value gv;
        try (var on = GradMode.enabled()) { // the product is differentiated again, even inside a no-grad scope
            gv = Value.dot(first, constants(v));
        }
        double[] out = new double[x.length];
        if (gv.requiresGrad) {
            List<Value> second = grad(gv, vars, false);
            for (int i = 0; i < out.length; i++) {
                out[i] = second.get(i).data();
            }
        }
        return out;
    }

    // ---- tensor functional transforms (tensor-shape) ----

    /**
     * The Jacobian of a tensor function at {@code x}, of shape {@code f(x).shape ++ x.shape}:
     * entry {@code [i..., j...]} is {@code d f(x)[i...] / d x[j...]}. One backward pass per
     * output element. {@code f} runs on a fresh leaf copy of {@code x}; the result is a constant.
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        return TensorTransforms.jacobian(f, x);
    }

    /**
     * The Hessian of a scalar (single-element) tensor function at {@code x}, of shape
     * {@code x.shape ++ x.shape}, by differentiating the gradient graph once per element of x.
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return TensorTransforms.hessian(f, x);
    }

    /** The vector-Jacobian product {@code vᵀ·J} of {@code f} at {@code x} ({@code v} shaped like f(x); result like x). */
    public static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.vjp(f, x, v);
    }

    /**
     * The Jacobian-vector product {@code J·v} of {@code f} at {@code x} ({@code v} shaped like x;
     * result like f(x)), by the double-vjp trick: two reverse passes, no Jacobian formed.
     */
    public static Tensor jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.jvp(f, x, v);
    }

    /** The Hessian-vector product {@code H(x)·v} of a scalar tensor function, without forming H. */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.hvp(f, x, v);
    }

    // ---- end tensor functional transforms ----

    /** One leaf per coordinate of the point {@code x}, or an exception naming the op when it is null. */
    private static List<Value> variables(String op, double[] x) {
        return Value.listOf(Objects.requireNonNull(x, () -> op + ": the point x is null"));
    }

    /** Runs f with recording on (even inside a no-grad scope), since the transforms need its graph. */
    private static Value apply(Function<List<Value>, Value> f, List<Value> vars, String op) {
        Objects.requireNonNull(f, op + ": the function is null");
        try (var on = GradMode.enabled()) {
            return Objects.requireNonNull(f.apply(vars), op + ": the function returned null");
        }
    }

    private static List<Value> constants(double[] v) {
        List<Value> list = new ArrayList<>(v.length);
        for (double d : v) {
            list.add(Value.constant(d));
        }
        return list;
    }
}
