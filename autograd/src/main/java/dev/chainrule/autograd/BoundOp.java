package dev.chainrule.autograd;

/**
 * What a {@link Value} node made by a registry op ({@link ElementwiseOps}) records: the op
 * with its parameters bound. {@link ScalarOp#FUNCTION} forwards its rows here. (A user's own function is a {@link ScalarFunction}.)
 */
abstract class BoundOp {
    /** The op's name, as graphs and messages show it. */
    abstract String name();

    /** The bound parameters (empty for most ops). */
    abstract double[] params();

    /** The forward on explicit inputs (GradCheck's node-level diagnosis re-evaluates it). */
    abstract double forward(double[] in);

    /** The forward of a unary op, without an input array (the scalar hot path). */
    double forward(double a) {
        return forward(new double[] {a});
    }

    /** The forward of a binary op, without an input array. */
    double forward(double a, double b) {
        return forward(new double[] {a, b});
    }

    /** d(out)/d(input i) as a number. */
    abstract double partial(Value out, int i);

    /** {@code g · d(out)/d(input i)} as a graph. */
    abstract Value vjp(Value out, int i, Value g);

    /** The name followed by the parameters: "elu 0.5", "hardtanh -1 1". */
    String label() {
        StringBuilder s = new StringBuilder(name());
        for (double v : params()) {
            s.append(' ').append(ScalarOp.formatAux(v));
        }
        return s.toString();
    }
}
