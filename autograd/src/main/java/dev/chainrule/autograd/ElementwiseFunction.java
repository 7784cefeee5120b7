package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A read-only view of one elementwise function of the op registry that {@link Value} has:
 * its name (the method's), how many inputs it takes, its constant parameters, and a way to
 * apply it. Expression languages and tools build their function tables from
 * {@link #scalarFunctions()}, so a newly registered op appears there without further code.
 *
 * <pre>{@code
 * ElementwiseFunction elu = ElementwiseFunction.named("elu");
 * Value y = elu.apply(List.of(Value.of(-1)), 0.5);   // Value.of(-1).elu(0.5)
 * }</pre>
 */
public final class ElementwiseFunction {
    private static final List<ElementwiseFunction> SCALAR = build();

    private final String name;
    private final UnaryOp unary;
    private final BinaryOp binary;

    private ElementwiseFunction(UnaryOp unary, BinaryOp binary) {
        this.unary = unary;
        this.binary = binary;
        this.name = unary != null ? unary.name : binary.name;
    }

    private static List<ElementwiseFunction> build() {
        List<ElementwiseFunction> list = new ArrayList<>();
        for (UnaryOp op : ElementwiseOps.UNARY) {
            if (op.scalar) {
                list.add(new ElementwiseFunction(op, null));
            }
        }
        for (BinaryOp op : ElementwiseOps.BINARY) {
            if (op.scalar) {
                list.add(new ElementwiseFunction(null, op));
            }
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Every registered function that {@link Value} has, in registry order.
     *
     * @return every registered function that {@link Value} has, in registry order
     */
    public static List<ElementwiseFunction> scalarFunctions() {
        return SCALAR;
    }

    /**
     * The function called {@code name} (exact spelling), or null if none is registered.
     *
     * @param name a method name of {@link Value}, e.g. "tanh", "elu", "maximum"
     * @return the function, or null
     */
    public static ElementwiseFunction named(String name) {
        for (ElementwiseFunction f : SCALAR) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * The name, the same as the {@link Value} and {@link Tensor} method's.
     *
     * @return the name, the same as the {@link Value} and {@link Tensor} method's
     */
    public String name() {
        return name;
    }

    /**
     * The number of {@link Value} inputs: 1 or 2.
     *
     * @return the number of {@link Value} inputs: 1 or 2
     */
    public int inputs() {
        return unary != null ? 1 : 2;
    }

    /**
     * The names of the constant parameters, in order (empty for most functions).
     *
     * @return the names of the constant parameters, in order (empty for most functions)
     */
    public List<String> parameters() {
        return unary != null ? unary.params : List.of();
    }

    /**
     * The parameters used when none are given ({@code softplus(x)} is {@code softplus(x, 1, ∞)}),
     * or null when they must be given.
     *
     * @return a copy of the defaults (empty for a function without parameters), or null
     */
    public double[] defaultParameters() {
        if (parameters().isEmpty()) {
            return UnaryOp.NO_PARAMS;
        }
        return unary.defaults == null ? null : unary.defaults.clone();
    }

    /**
     * Records the function on {@code inputs} with the constant {@code parameters}.
     *
     * @param inputs     {@link #inputs()} values
     * @param parameters {@link #parameters()} numbers
     * @return the recorded result
     * @throws IllegalArgumentException on a wrong count or a bad parameter, naming the function
     */
    public Value apply(List<Value> inputs, double... parameters) {
        Objects.requireNonNull(inputs, () -> name + ": inputs is null");
        if (inputs.size() != inputs()) {
            throw new IllegalArgumentException(name + " takes " + inputs() + " input(s) but got " + inputs.size());
        }
        if (unary != null) {
            return unary.apply(Objects.requireNonNull(inputs.get(0), () -> name + ": input is null"), parameters);
        }
        if (parameters.length != 0) {
            throw new IllegalArgumentException(name + " takes no parameters but got " + parameters.length);
        }
        return binary.apply(Objects.requireNonNull(inputs.get(0), () -> name + ": input is null"), inputs.get(1));
    }

    @Override
    public String toString() {
        return name + (inputs() == 2 ? "(a, b)" : parameters().isEmpty() ? "(x)" : "(x, " + String.join(", ", parameters()) + ")");
    }
}
