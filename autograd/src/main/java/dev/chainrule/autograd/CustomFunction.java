package dev.chainrule.autograd;

import java.util.Objects;

/**
 * Differentiable functions of your own, with a backward (vector-Jacobian product) you write,
 * as {@code torch.autograd.Function} and {@code jax.custom_vjp}: for a numerically stable
 * formula, a fused kernel, a straight-through estimator, or a derivative that autodiff of the
 * forward would get wrong. The result is an op like the built-in ones: one graph node named
 * after your function (in error messages, anomaly mode and {@link GraphExport}), its inputs'
 * version counters checked before backward, its rule released after a backward pass, and
 * {@link GradCheck} checks it as it checks any expression.
 *
 * <pre>{@code
 * TensorFunction logAddExp = CustomFunction.tensorGraph("logAddExp",
 *         in -> { Tensor m = in[0].max(in[1]);
 *                 return m.add(in[0].sub(m).exp().add(in[1].sub(m).exp()).log()); },
 *         (g, in, out) -> new Tensor[] {g.mul(in[0].sub(out).exp()).sumTo(in[0].shape()),
 *                                       g.mul(in[1].sub(out).exp()).sumTo(in[1].shape())});
 * Tensor y = logAddExp.apply(a, b);
 * }</pre>
 *
 * <p>Two kinds of backward, chosen by the factory:
 * <ul>
 *   <li>{@link #tensor} and {@link #scalar}: a <b>numeric</b> backward, called on constants
 *       with recording off, free to read numbers ({@code toArray()}) and build its result any
 *       way. It gives first derivatives; differentiating it again (a Hessian, an hvp,
 *       {@code createGraph} gradients differentiated once more) throws an
 *       {@link UnsupportedOperationException} naming the function, never a silent zero
 *       (PyTorch's {@code once_differentiable}).</li>
 *   <li>{@link #tensorGraph} and {@link #scalarGraph}: a backward written with graph
 *       operations on the arguments it is given (the recorded inputs and the output itself).
 *       Under {@code createGraph} it is recorded, so second and higher derivatives work.</li>
 * </ul>
 * The forward always runs on constants with recording off; its result is copied into the new
 * node, so it may return an input or a captured tensor. The backward must return one gradient
 * per input, each of exactly that input's shape (sum over broadcast axes yourself, e.g. with
 * {@link Tensor#sumTo}), or null for an input that gets none; anything else throws, naming the
 * function, the input and both shapes.
 */
public final class CustomFunction {
    private CustomFunction() {
    }

    /** The forward of a tensor function: its result from constant inputs (recording is off). */
    @FunctionalInterface
    public interface TensorForward {
        /**
         * @param inputs the arguments, as constants
         * @return the result (its numbers are copied)
         */
        Tensor apply(Tensor[] inputs);
    }

    /** The backward of a tensor function: the vector-Jacobian product for every input. */
    @FunctionalInterface
    public interface TensorBackward {
        /**
         * @param gradOutput the gradient of the loss with respect to the output, of its shape
         * @param inputs     the arguments the function was applied to
         * @param output     the function's result
         * @return one gradient per input, each of that input's shape, or null where there is none
         */
        Tensor[] vjp(Tensor gradOutput, Tensor[] inputs, Tensor output);
    }

    /** The forward of a scalar function. */
    @FunctionalInterface
    public interface ScalarForward {
        /**
         * @param inputs the arguments' numbers
         * @return the result
         */
        double apply(double[] inputs);
    }

    /** A numeric backward of a scalar function. */
    @FunctionalInterface
    public interface ScalarBackward {
        /**
         * @param gradOutput the gradient of the loss with respect to the output
         * @param inputs     the arguments' numbers
         * @param output     the function's result
         * @return {@code gradOutput · d(output)/d(input i)} for every input i
         */
        double[] vjp(double gradOutput, double[] inputs, double output);
    }

    /** A backward of a scalar function written with {@link Value} operations, so it differentiates again. */
    @FunctionalInterface
    public interface ScalarGraphBackward {
        /**
         * @param gradOutput the gradient of the loss with respect to the output
         * @param inputs     the arguments the function was applied to
         * @param output     the function's result
         * @return one gradient per input, or null for an input that gets none
         */
        Value[] vjp(Value gradOutput, Value[] inputs, Value output);
    }

    /**
     * A tensor function with a numeric backward: first derivatives only (a second derivative
     * throws, naming the function).
     *
     * @param name     names the function's nodes in graphs and messages
     * @param forward  the result from constant inputs
     * @param backward the vector-Jacobian product, run on constants with recording off
     * @return the function; call {@link TensorFunction#apply(Tensor...)}
     */
    public static TensorFunction tensor(String name, TensorForward forward, TensorBackward backward) {
        return new TensorFunction(checkName("tensor", name), require("tensor", name, "forward", forward),
                require("tensor", name, "backward", backward), false);
    }

    /**
     * A tensor function whose backward is written with tensor operations on its arguments and
     * recorded under {@code createGraph}, so it can be differentiated again.
     *
     * @param name          names the function's nodes in graphs and messages
     * @param forward       the result from constant inputs
     * @param graphBackward the vector-Jacobian product, with tensor operations on its arguments
     * @return the function; call {@link TensorFunction#apply(Tensor...)}
     */
    public static TensorFunction tensorGraph(String name, TensorForward forward, TensorBackward graphBackward) {
        return new TensorFunction(checkName("tensorGraph", name), require("tensorGraph", name, "forward", forward),
                require("tensorGraph", name, "graphBackward", graphBackward), true);
    }

    /**
     * A scalar function with a numeric backward: first derivatives only (a second derivative
     * throws, naming the function).
     *
     * @param name     names the function's nodes in graphs and messages
     * @param forward  the result from the inputs' numbers
     * @param backward the gradient for every input, from numbers
     * @return the function; call {@link ScalarFunction#apply(Value...)}
     */
    public static ScalarFunction scalar(String name, ScalarForward forward, ScalarBackward backward) {
        return new ScalarFunction(checkName("scalar", name), require("scalar", name, "forward", forward),
                require("scalar", name, "backward", backward), null);
    }

    /**
     * A scalar function whose backward is written with {@link Value} operations, so it can be
     * differentiated again.
     *
     * @param name          names the function's nodes in graphs and messages
     * @param forward       the result from the inputs' numbers
     * @param graphBackward the gradient for every input, with Value operations on its arguments
     * @return the function; call {@link ScalarFunction#apply(Value...)}
     */
    public static ScalarFunction scalarGraph(String name, ScalarForward forward, ScalarGraphBackward graphBackward) {
        return new ScalarFunction(checkName("scalarGraph", name), require("scalarGraph", name, "forward", forward),
                null, require("scalarGraph", name, "graphBackward", graphBackward));
    }

    private static String checkName(String factory, String name) {
        Objects.requireNonNull(name, () -> "CustomFunction." + factory + ": name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("CustomFunction." + factory + ": name is blank; it names the "
                    + "function's nodes in graphs and error messages");
        }
        return name;
    }

    private static <T> T require(String factory, String name, String what, T f) {
        return Objects.requireNonNull(f, () -> "CustomFunction." + factory + " '" + name + "': " + what + " is null");
    }

    /** The refusal of a second derivative through a numeric backward (PyTorch's once_differentiable). */
    static UnsupportedOperationException secondOrder(String name, String factory, String graphFactory) {
        return new UnsupportedOperationException("custom function '" + name + "': its backward is numeric (made "
                + "with CustomFunction." + factory + "), so it cannot be differentiated again (a second derivative, "
                + "Hessian or Hessian-vector product through it). Make it with CustomFunction." + graphFactory
                + " and a backward written with graph operations on its arguments.");
    }
}
