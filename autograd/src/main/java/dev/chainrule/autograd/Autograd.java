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
     * @param output      the value to differentiate; must require a gradient
     * @param inputs      the values to differentiate with respect to, none null (leaves or interior nodes)
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
     *
     * @param output      the value to differentiate; must require a gradient
     * @param inputs      the values to differentiate with respect to, none null
     * @param createGraph when true the gradients are graphs that can be differentiated again
     * @param retainGraph when true the graph of {@code output} stays usable for another pass
     * @return one gradient per input, in order; an input that {@code output} does not depend on gets a constant 0
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
     * @param outputs     the tensors to differentiate, each requiring a gradient
     * @param inputs      the tensors to differentiate with respect to, none null
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
                seed = Tensor.full(out.dtype(), 1, out.shape);
            } else if (!Arrays.equals(seed.shape, out.shape)) {
                throw new IllegalArgumentException("Autograd.grad: gradOutputs[" + i + "] has shape "
                        + Arrays.toString(seed.shape) + " but outputs[" + i + "] has shape "
                        + Arrays.toString(out.shape));
            }
            roots[i] = out;
            seeds[i] = seed.to(out.dtype()); // a gradient has its tensor's type
        }
        Map<Node, Node> grads;
        try (var mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
            grads = Engine.gradients(roots, seeds, retainGraph);
        }
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = Objects.requireNonNull(inputs.get(i), "Autograd.grad: inputs[" + i + "] is null");
            Tensor g = (Tensor) grads.get(in);
            result.add(g == null ? Tensor.zeros(in.dtype(), in.shape) : g);
        }
        return result;
    }

    /**
     * As {@link #grad(List, List, List, boolean, boolean)} for one scalar output.
     *
     * @param output      a single-element tensor that requires a gradient
     * @param inputs      the tensors to differentiate with respect to, none null
     * @param createGraph when true the gradients are graphs that can be differentiated again (and the graph of {@code output} is kept)
     * @return one gradient per input, of that input's shape; zeros for an input {@code output} does not depend on
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        Objects.requireNonNull(output, "Autograd.grad: output is null");
        return grad(List.of(output), inputs, null, createGraph, createGraph);
    }

    /**
     * The Hessian matrix of a scalar function at {@code x}: {@code h[i][j] = d²f / dx_i dx_j}.
     *
     * @param f a function of {@code x.length} values built from {@link Value} operations
     * @param x the point, one number per input of {@code f}
     * @return a new {@code x.length × x.length} symmetric array
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

    /**
     * The gradient of a scalar function at {@code x}, as numbers.
     *
     * @param f a function of {@code x.length} values built from {@link Value} operations
     * @param x the point, one number per input of {@code f}
     * @return a new array of {@code x.length} partial derivatives
     */
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
     *
     * @param f a function of {@code x.length} values built from {@link Value} operations
     * @param x the point, one number per input of {@code f}
     * @param v the direction, as long as {@code x}
     * @return a new array H(x)·v, as long as {@code x}
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
     *
     * @param f the function; it must not change its argument
     * @param x the point (not changed; its gradient is not touched)
     * @return a constant tensor of shape {@code f(x).shape ++ x.shape}
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        return TensorTransforms.jacobian(f, x);
    }

    /**
     * The Hessian of a scalar (single-element) tensor function at {@code x}, of shape
     * {@code x.shape ++ x.shape}, by differentiating the gradient graph once per element of x.
     *
     * @param f a function returning a single-element tensor
     * @param x the point (not changed)
     * @return a constant tensor of shape {@code x.shape ++ x.shape}
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return TensorTransforms.hessian(f, x);
    }

    /**
     * The vector-Jacobian product {@code vᵀ·J} of {@code f} at {@code x} ({@code v} shaped like f(x); result like x).
     *
     * @param f the function
     * @param x the point (not changed)
     * @param v the cotangent, of f(x)'s shape
     * @return a constant tensor of x's shape
     */
    public static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.vjp(f, x, v);
    }

    /**
     * The Jacobian-vector product {@code J·v} of {@code f} at {@code x} ({@code v} shaped like x;
     * result like f(x)), by the double-vjp trick: two reverse passes, no Jacobian formed.
     *
     * @param f the function
     * @param x the point (not changed)
     * @param v the tangent, of x's shape
     * @return a constant tensor of f(x)'s shape
     */
    public static Tensor jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.jvp(f, x, v);
    }

    /**
     * The Hessian-vector product {@code H(x)·v} of a scalar tensor function, without forming H.
     *
     * @param f a function returning a single-element tensor
     * @param x the point (not changed)
     * @param v the direction, of x's shape
     * @return a constant tensor of x's shape
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return TensorTransforms.hvp(f, x, v);
    }

    // ---- transforms over several inputs, and createGraph ----
    // Without createGraph: f runs on fresh leaf copies and the results are constants. With it:
    // f runs on the inputs themselves (those that want a gradient) and the results are graphs
    // of them and of the directions v, so transforms compose (a jacobian of a jacobian, an hvp
    // differentiated again).

    /**
     * As {@link #jacobian(Function, Tensor)}, optionally returning a graph.
     *
     * @param f a function of one tensor
     * @param x the point
     * @param createGraph when true the Jacobian is a graph of {@code x} (when x wants a gradient)
     * @return the Jacobian, of shape {@code f(x).shape ++ x.shape}
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x, boolean createGraph) {
        return MultiTransforms.jacobian(one("Autograd.jacobian", f), List.of(x), createGraph).get(0);
    }

    /**
     * The Jacobian of a function of several tensors: one block per input, block j of shape
     * {@code f.shape ++ xs[j].shape} with entry {@code [i..., k...] = d f[i...] / d xs[j][k...]}.
     * One backward pass per output element. The result is constants.
     *
     * @param f  a function of the list of inputs, in order
     * @param xs the point, one tensor per argument
     * @return one Jacobian block per input
     */
    public static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        return MultiTransforms.jacobian(f, xs, false);
    }

    /**
     * As {@link #jacobian(Function, List)}, optionally returning graphs.
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param createGraph when true each block is a graph of the inputs that want a gradient
     * @return one Jacobian block per input
     */
    public static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, boolean createGraph) {
        return MultiTransforms.jacobian(f, xs, createGraph);
    }

    /**
     * As {@link #hessian(Function, Tensor)}, optionally returning a graph.
     *
     * @param f a function of one tensor
     * @param x the point
     * @param createGraph when true the Hessian is a graph of {@code x} (third derivatives come from it)
     * @return the Hessian, of shape {@code x.shape ++ x.shape}
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x, boolean createGraph) {
        return MultiTransforms.hessian(one("Autograd.hessian", f), List.of(x), createGraph).get(0).get(0);
    }

    /**
     * The Hessian of a scalar (single-element) function of several tensors, in blocks:
     * {@code h.get(i).get(j)} has shape {@code xs[i].shape ++ xs[j].shape} and holds
     * {@code d² f / d xs[i] d xs[j]}. The result is constants.
     *
     * @param f  a function of the list of inputs returning a single-element tensor
     * @param xs the point, one tensor per argument
     * @return the blocks, row i for input i
     */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        return MultiTransforms.hessian(f, xs, false);
    }

    /**
     * As {@link #hessian(Function, List)}, optionally returning graphs.
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param createGraph when true each block is a graph of the inputs that want a gradient
     * @return the blocks, row i for input i
     */
    public static List<List<Tensor>> hessian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, boolean createGraph) {
        return MultiTransforms.hessian(f, xs, createGraph);
    }

    /**
     * As {@link #vjp(Function, Tensor, Tensor)}, optionally returning a graph (of x and v).
     *
     * @param f a function of one tensor
     * @param x the point
     * @param v shaped like f's output
     * @param createGraph when true the product is a graph of x and v
     * @return {@code vᵀ·J}, shaped like x
     */
    public static Tensor vjp(Function<Tensor, Tensor> f, Tensor x, Tensor v, boolean createGraph) {
        return MultiTransforms.vjp(one("Autograd.vjp", f), List.of(x), v, createGraph).get(0);
    }

    /**
     * The vector-Jacobian product of a function of several tensors: {@code vᵀ·∂f/∂xs[j]} for
     * every input j, each shaped like that input. The result is constants.
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param v shaped like {@code f}'s output
     * @return one product per input
     */
    public static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor v) {
        return MultiTransforms.vjp(f, xs, v, false);
    }

    /**
     * As {@link #vjp(Function, List, Tensor)}, optionally returning graphs (of the inputs and v).
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param v shaped like f's output
     * @param createGraph when true the products are graphs
     * @return one product per input
     */
    public static List<Tensor> vjp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, Tensor v, boolean createGraph) {
        return MultiTransforms.vjp(f, xs, v, createGraph);
    }

    /**
     * As {@link #jvp(Function, Tensor, Tensor)}, optionally returning a graph (of x and v).
     *
     * @param f a function of one tensor
     * @param x the point
     * @param v shaped like x
     * @param createGraph when true the product is a graph of x and v
     * @return {@code J·v}, shaped like f(x)
     */
    public static Tensor jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v, boolean createGraph) {
        return MultiTransforms.jvp(one("Autograd.jvp", f), List.of(x), List.of(v), createGraph);
    }

    /**
     * The Jacobian-vector product of a function of several tensors: {@code Σ_j ∂f/∂xs[j] · vs[j]},
     * shaped like f's output, by two reverse passes (no Jacobian formed). The result is a constant.
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param vs one direction per input, of its shape
     * @return the directional derivative of f
     */
    public static Tensor jvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs) {
        return MultiTransforms.jvp(f, xs, vs, false);
    }

    /**
     * As {@link #jvp(Function, List, List)}, optionally returning a graph (of the inputs and vs).
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param vs one direction per input, of its shape
     * @param createGraph when true the product is a graph
     * @return the directional derivative of f
     */
    public static Tensor jvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs, boolean createGraph) {
        return MultiTransforms.jvp(f, xs, vs, createGraph);
    }

    /**
     * As {@link #hvp(Function, Tensor, Tensor)}, optionally returning a graph (of x and v).
     *
     * @param f a function of one tensor
     * @param x the point
     * @param v shaped like x
     * @param createGraph when true the product is a graph of x and v
     * @return {@code H(x)·v}, shaped like x
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v, boolean createGraph) {
        return MultiTransforms.hvp(one("Autograd.hvp", f), List.of(x), List.of(v), createGraph).get(0);
    }

    /**
     * The Hessian-vector product of a scalar function of several tensors, without forming the
     * Hessian: for every input i, {@code Σ_j H[i][j]·vs[j]}, shaped like {@code xs[i]}. The
     * result is constants.
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param vs one direction per input, of its shape
     * @return one product per input
     */
    public static List<Tensor> hvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs) {
        return MultiTransforms.hvp(f, xs, vs, false);
    }

    /**
     * As {@link #hvp(Function, List, List)}, optionally returning graphs (of the inputs and vs).
     *
     * @param f a function of the list of inputs, in order
     * @param xs the point, one tensor per argument of f
     * @param vs one direction per input, of its shape
     * @param createGraph when true the products are graphs
     * @return one product per input
     */
    public static List<Tensor> hvp(Function<List<Tensor>, Tensor> f, List<Tensor> xs, List<Tensor> vs,
                                   boolean createGraph) {
        return MultiTransforms.hvp(f, xs, vs, createGraph);
    }

    /** A one-tensor function as a function of a list of one. */
    private static Function<List<Tensor>, Tensor> one(String op, Function<Tensor, Tensor> f) {
        Objects.requireNonNull(f, () -> op + ": the function is null");
        return xs -> f.apply(xs.get(0));
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
