package dev.chainrule.autograd;

/**
 * The op table of the scalar engine: one row per primitive, with its forward, its local
 * derivative d(out)/d(input i) as a plain number (the fast first-order path), and the same
 * derivative as a {@link Value} graph (for gradients of gradients). The two derivative
 * forms sit on adjacent lines so a reader checks one against the other at a glance; the
 * property tests check the first against finite differences and the second against
 * finite differences of the first.
 *
 * <p>These are the structural rows: arithmetic with a constant kept in the node (one node
 * for {@code x.mul(0.5)}), pow, and the n-ary sum and dot of scalar neurons, the scalar
 * engine's hot path. Every elementwise function (exp, tanh, relu, gelu, maximum, ...) is a
 * row of the op registry {@link ElementwiseOps}, recorded here as {@link #FUNCTION}.
 */
enum ScalarOp {
    LEAF("leaf"),
    CONST("const"),

    ADD("+") {
        double apply(double a, double b, double aux) { return a + b; }
        double partial(Value out, int i) { return 1; }
        Value vjp(Value out, int i, Value g) { return g; }
    },
    SUB("-") {
        double apply(double a, double b, double aux) { return a - b; }
        double partial(Value out, int i) { return i == 0 ? 1 : -1; }
        Value vjp(Value out, int i, Value g) { return i == 0 ? g : g.neg(); }
    },
    MUL("*") {
        double apply(double a, double b, double aux) { return a * b; }
        double partial(Value out, int i) { return out.in(1 - i).data(); }
        Value partialGraph(Value out, int i) { return out.in(1 - i); }
    },
    DIV("/") {
        double apply(double a, double b, double aux) { return a / b; }
        double partial(Value out, int i) { return i == 0 ? 1 / out.in(1).data() : -out.data() / out.in(1).data(); }
        Value partialGraph(Value out, int i) { return i == 0 ? out.in(1).pow(-1) : out.neg().div(out.in(1)); }
    },
    /*
     * this (op) c for a constant c kept in the node's aux slot: one node instead of a node plus
     * a constant leaf, which halves the allocation of chains like x.mul(0.5).add(1).
     */
    ADD_CONST("+", true) {
        double apply(double a, double b, double aux) { return a + aux; }
        double partial(Value out, int i) { return 1; }
        Value partialGraph(Value out, int i) { return Value.constant(1); }
        Value vjp(Value out, int i, Value g) { return g; }
    },
    SUB_CONST("-", true) {
        double apply(double a, double b, double aux) { return a - aux; }
        double partial(Value out, int i) { return 1; }
        Value partialGraph(Value out, int i) { return Value.constant(1); }
        Value vjp(Value out, int i, Value g) { return g; }
    },
    MUL_CONST("*", true) {
        double apply(double a, double b, double aux) { return a * aux; }
        double partial(Value out, int i) { return out.aux; }
        Value partialGraph(Value out, int i) { return Value.constant(out.aux); }
        Value vjp(Value out, int i, Value g) { return g.mul(out.aux); }
    },
    DIV_CONST("/", true) {
        double apply(double a, double b, double aux) { return a / aux; }
        double partial(Value out, int i) { return 1 / out.aux; }
        Value partialGraph(Value out, int i) { return Value.constant(1 / out.aux); }
        Value vjp(Value out, int i, Value g) { return g.div(out.aux); }
    },
    NEG("neg") {
        double apply(double a, double b, double aux) { return -a; }
        double partial(Value out, int i) { return -1; }
        Value vjp(Value out, int i, Value g) { return g.neg(); }
    },
    /** x^p for a constant p; d = p x^(p-1), and 0 when p = 0 (PyTorch masks it so 0^-1 gives no NaN). */
    POW("pow", true) {
        double apply(double a, double b, double aux) { return Math.pow(a, aux); }
        double partial(Value out, int i) { return out.aux == 0 ? 0 : out.aux * Math.pow(out.in(0).data(), out.aux - 1); }
        Value partialGraph(Value out, int i) {
            return out.aux == 0 ? Value.constant(0) : out.in(0).pow(out.aux - 1).mul(out.aux);
        }
    },
    /**
     * a^b with both differentiable; d/db = a^b log a, taken as 0 where a = 0 and b >= 0 (as PyTorch).
     * d/da = b a^(b-1) is 0 at b = 0; its graph form keeps b (so d2/da db = 1/a there, where
     * PyTorch's masked rule gives 0) except at a = b = 0.
     */
    POW_VALUE("pow") {
        double apply(double a, double b, double aux) { return Math.pow(a, b); }
        double partial(Value out, int i) {
            double a = out.in(0).data(), b = out.in(1).data();
            if (i == 0) {
                return b == 0 ? 0 : b * Math.pow(a, b - 1);
            }
            return a == 0 && b >= 0 ? 0 : out.data() * Math.log(a);
        }
        Value partialGraph(Value out, int i) {
            Value a = out.in(0), b = out.in(1);
            if (i == 0) {
                // mask only where 0 * inf would give NaN; elsewhere keep b's path for d2/da db
                return b.data() == 0 && a.data() == 0 ? Value.constant(0) : b.mul(a.pow(b.sub(1)));
            }
            return a.data() == 0 && b.data() >= 0 ? Value.constant(0) : out.mul(a.log());
        }
    },
    /**
     * Every registry op ({@link ElementwiseOps}): the node's {@link Value#fn} holds the op
     * with its parameters, and this row forwards to it.
     */
    FUNCTION("fn") {
        double partial(Value out, int i) { return out.fn.partial(out, i); }
        Value vjp(Value out, int i, Value g) { return out.fn.vjp(out, i, g); }
    },
    /**
     * A user's {@link ScalarFunction}: forward and backward come from the function the node
     * holds ({@code out.custom()}); the user's backward is called once for all inputs.
     */
    CUSTOM("custom") {
        double partial(Value out, int i) { return out.custom().gradients(out, 1)[i]; }
        Value vjp(Value out, int i, Value g) { return out.custom().vjp(out, g)[i]; }
        void propagate(Value out, double g) {
            double[] d = out.custom().gradients(out, g);
            boolean check = Anomaly.isEnabled();
            for (int i = 0; i < d.length; i++) {
                push(out, out.inputs[i], d[i], check);
            }
        }
    },
    /** n-ary sum: every partial is 1. */
    SUM("sum") {
        double partial(Value out, int i) { return 1; }
        Value vjp(Value out, int i, Value g) { return g; }
        void propagate(Value out, double g) {
            boolean check = Anomaly.isEnabled();
            for (Node input : out.inputs) {
                push(out, input, g, check);
            }
        }
    },
    /** n-ary dot product; inputs are x1..xn then w1..wn, and d/dx_i = w_i, d/dw_i = x_i. */
    DOT("dot") {
        double partial(Value out, int i) { return out.in(partner(out, i)).data(); }
        Value partialGraph(Value out, int i) { return out.in(partner(out, i)); }
        void propagate(Value out, double g) {
            Node[] in = out.inputs;
            int n = in.length / 2;
            boolean check = Anomaly.isEnabled();
            for (int i = 0; i < n; i++) {
                Value x = (Value) in[i], w = (Value) in[i + n];
                push(out, x, g * w.data(), check);
                push(out, w, g * x.data(), check);
            }
        }
    };

    /** How the op is shown in graphs and messages. */
    final String symbol;
    /** {@link Node#READS_ALL} or {@link Node#READS_NONE}, from {@link #readsInputs()}; set once, below. */
    int reads;

    static {
        for (ScalarOp op : values()) {
            op.reads = op.readsInputs() ? Node.READS_ALL : Node.READS_NONE;
        }
    }
    /** True for the rows whose constant parameter (aux) is part of what the op is: "* 0.5", "pow 2". */
    private final boolean showsAux;

    ScalarOp(String symbol) {
        this(symbol, false);
    }

    ScalarOp(String symbol, boolean showsAux) {
        this.symbol = symbol;
        this.showsAux = showsAux;
    }

    /** The symbol, followed by the constant parameter for the rows that keep one ("* 0.5", "pow 2"). */
    String label(double aux) {
        return showsAux ? symbol + " " + formatAux(aux) : symbol;
    }

    /** Whole numbers without a trailing ".0", so labels read "pow 2". */
    static String formatAux(double aux) {
        return aux == Math.rint(aux) && Math.abs(aux) < 1e15 ? Long.toString((long) aux) : Double.toString(aux);
    }

    /** Forward of a unary or binary op ({@code b} unused for unary; {@code aux} a constant parameter). */
    double apply(double a, double b, double aux) {
        throw new UnsupportedOperationException(name() + " has no elementwise forward");
    }

    /**
     * Forward on explicit input values, for any arity: what {@link GradCheck} re-evaluates to
     * test one node's local derivative by finite differences.
     */
    double forward(double[] in, double aux) {
        switch (this) {
            case FUNCTION:
                throw new UnsupportedOperationException("a registry op's forward is its node's fn");
            case SUM: {
                double s = 0;
                for (double v : in) {
                    s += v;
                }
                return s;
            }
            case DOT: {
                double s = 0;
                int n = in.length / 2;
                for (int i = 0; i < n; i++) {
                    s += in[i] * in[i + n];
                }
                return s;
            }
            default:
                return apply(in[0], in.length > 1 ? in[1] : 0, aux);
        }
    }

    /** d(out)/d(input i) at the recorded point. */
    double partial(Value out, int i) {
        throw new UnsupportedOperationException(name() + " has no derivative");
    }

    /**
     * The fast first-order step: adds {@code g · d(out)/d(input i)} into the gradient of every
     * input that wants one. The n-ary rows override it with a loop that makes no call per input.
     */
    void propagate(Value out, double g) {
        Node[] in = out.inputs;
        boolean check = Anomaly.isEnabled();
        for (int i = 0; i < in.length; i++) {
            if (in[i].requiresGrad) {
                push(out, in[i], g * partial(out, i), check);
            }
        }
    }

    /**
     * Adds one gradient contribution into {@code input}; {@code check} (anomaly mode, read
     * once per node by the caller) makes a non-finite contribution throw.
     */
    static void push(Value out, Node input, double g, boolean check) {
        if (input.requiresGrad) {
            if (check && !Double.isFinite(g)) {
                Anomaly.checkBackward(out, indexOf(out, input), false, Double.toString(g));
            }
            ((Value) input).addGrad(g);
        }
    }

    private static int indexOf(Value out, Node input) {
        for (int i = 0; i < out.inputs.length; i++) {
            if (out.inputs[i] == input) {
                return i;
            }
        }
        return -1;
    }

    /** d(out)/d(input i) as a graph, for higher-order derivatives. */
    Value partialGraph(Value out, int i) {
        throw new UnsupportedOperationException(name() + " has no graph derivative");
    }

    /** The vector-Jacobian product g * d(out)/d(input i); rows override it when a cheaper form exists. */
    Value vjp(Value out, int i, Value g) {
        return g.mul(partialGraph(out, i));
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    private static int partner(Value out, int i) {
        int n = out.inputs.length / 2;
        return i < n ? i + n : i - n;
    }

    /**
     * False for rows whose derivative ignores the inputs' numbers (it only passes the gradient
     * on), so changing an input in place afterwards is harmless, as in PyTorch.
     */
    boolean readsInputs() {
        switch (this) {
            case ADD: case SUB: case ADD_CONST: case SUB_CONST: case MUL_CONST: case DIV_CONST: case NEG: case SUM:
                return false;
            default:
                return true;
        }
    }
}
