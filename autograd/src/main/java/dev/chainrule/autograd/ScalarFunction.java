package dev.chainrule.autograd;

import java.util.List;
import java.util.Objects;

/**
 * A differentiable scalar function of your own, made by {@link CustomFunction#scalar} or
 * {@link CustomFunction#scalarGraph}: applied to {@link Value}s it records one node (op
 * {@link ScalarOp#CUSTOM}) that carries this function, so the backward driver, anomaly mode,
 * graph pictures and {@link GradCheck}'s node-by-node diagnosis treat it as a built-in op.
 * Immutable.
 */
public final class ScalarFunction {
    private static final Value[] NO_VALUES = new Value[0];

    private final String name;
    private final CustomFunction.ScalarForward forward;
    /** Exactly one of the two backward forms is set. */
    private final CustomFunction.ScalarBackward numeric;
    private final CustomFunction.ScalarGraphBackward graph;
    /** What this function's nodes hold in {@link Value}'s one op field (no extra field per node). */
    final BoundOp bound = new Bound();

    ScalarFunction(String name, CustomFunction.ScalarForward forward, CustomFunction.ScalarBackward numeric,
                   CustomFunction.ScalarGraphBackward graph) {
        this.name = name;
        this.forward = forward;
        this.numeric = numeric;
        this.graph = graph;
    }

    /**
     * The name the function's nodes carry ({@link Value#op()}, messages, graph pictures).
     *
     * @return the function's name
     */
    public String name() {
        return name;
    }

    /**
     * True when the backward is written with {@link Value} operations, so second derivatives work.
     *
     * @return whether the backward supports second derivatives
     */
    public boolean twiceDifferentiable() {
        return graph != null;
    }

    /**
     * Applies the function to the inputs' numbers and records one node whose backward is yours.
     *
     * @param inputs the arguments (none null)
     * @return the result, a graph node when an input wants a gradient and grad mode is on
     */
    public Value apply(Value... inputs) {
        Objects.requireNonNull(inputs, () -> "custom function '" + name + "': inputs is null");
        Value[] in = inputs.clone();
        double[] x = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new NullPointerException("custom function '" + name + "': input " + i + " is null");
            }
            x[i] = in[i].data();
        }
        return Value.custom(this, forward(x), in);
    }

    /**
     * As {@link #apply(Value...)}, for a list of arguments.
     *
     * @param inputs the arguments, in the order the forward expects them
     * @return the function's result, recorded as one node
     */
    public Value apply(List<Value> inputs) {
        Objects.requireNonNull(inputs, () -> "custom function '" + name + "': inputs is null");
        return apply(inputs.toArray(NO_VALUES));
    }

    /** The forward on numbers (also what {@link LocalCheck} differences). */
    double forward(double[] x) {
        return forward.apply(x.clone());
    }

    /** Fast path: {@code g · d(out)/d(input i)} for every input, as numbers. */
    double[] gradients(Value out, double g) {
        int n = out.inputs.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = out.in(i).data();
        }
        if (numeric != null) {
            double[] d = numeric.vjp(g, x, out.data());
            if (d == null || d.length != n) {
                throw countError(d == null ? -1 : d.length, n);
            }
            return d.clone();
        }
        Value[] constants = new Value[n];
        for (int i = 0; i < n; i++) {
            constants[i] = Value.constant(x[i]);
        }
        Value[] v;
        try (var off = GradMode.disabled()) {
            v = checked(graph.vjp(Value.constant(g), constants, Value.constant(out.data())), n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v[i] == null ? 0 : v[i].data();
        }
        return d;
    }

    /**
     * Graph path: one gradient per input as Values. A graph backward is called on the recorded
     * nodes; a numeric one, under recording, gives nodes whose own backward refuses.
     */
    Value[] vjp(Value out, Value g) {
        int n = out.inputs.length;
        Value[] in = new Value[n];
        for (int i = 0; i < n; i++) {
            in[i] = out.in(i);
        }
        if (graph != null) {
            return checked(graph.vjp(g, in.clone(), out), n);
        }
        double[] d = gradients(out, g.data());
        Value[] grads = new Value[n];
        boolean recording = GradMode.isEnabled();
        Value[] from = new Value[n + 1];
        from[0] = g;
        System.arraycopy(in, 0, from, 1, n);
        for (int i = 0; i < n; i++) {
            grads[i] = recording ? Value.custom(refusal(), d[i], from) : Value.constant(d[i]);
        }
        return grads;
    }

    /** The function of the gradient nodes a numeric backward makes under recording: differentiating it throws. */
    private ScalarFunction refusal() {
        CustomFunction.ScalarBackward refuse = (g, x, y) -> {
            throw CustomFunction.secondOrder(name, "scalar", "scalarGraph");
        };
        return new ScalarFunction(name + " backward", x -> {
            throw CustomFunction.secondOrder(name, "scalar", "scalarGraph");
        }, refuse, null);
    }

    private Value[] checked(Value[] grads, int n) {
        if (grads == null || grads.length != n) {
            throw countError(grads == null ? -1 : grads.length, n);
        }
        return grads.clone();
    }

    private IllegalStateException countError(int returned, int inputs) {
        String what = returned < 0 ? "null" : returned + " gradient" + (returned == 1 ? "" : "s");
        return new IllegalStateException("custom function '" + name + "': the backward returned " + what + " for "
                + inputs + " input" + (inputs == 1 ? "" : "s") + "; return one gradient per input");
    }

    /** The function's name and kind. */
    @Override
    public String toString() {
        return "ScalarFunction(" + name + (graph != null ? ", graph backward" : ", numeric backward") + ")";
    }

    /** This function as a node's bound op, so a Value needs one field for registry and custom ops. */
    private final class Bound extends BoundOp {
        @Override
        String name() {
            return name;
        }

        @Override
        double[] params() {
            return new double[0];
        }

        @Override
        double forward(double[] in) {
            return ScalarFunction.this.forward(in);
        }

        @Override
        double partial(Value out, int i) {
            return gradients(out, 1)[i];
        }

        @Override
        Value vjp(Value out, int i, Value g) {
            return ScalarFunction.this.vjp(out, g)[i];
        }

        @Override
        String label() {
            return name;
        }

        ScalarFunction function() {
            return ScalarFunction.this;
        }
    }

    /** The function a bound op stands for, or null when it is a registry op. */
    static ScalarFunction of(BoundOp op) {
        return op instanceof ScalarFunction.Bound ? ((ScalarFunction.Bound) op).function() : null;
    }
}
