package dev.chainrule.autograd;

import java.util.List;
import java.util.function.Function;

/**
 * A random differentiable expression for property tests: its infix text (what jqwik shows
 * when a property fails, after shrinking) and how to build it from {@link Value}s.
 *
 * @param text infix form, e.g. {@code tanh((x0 * x1)) + log(exp(x2))}
 * @param f    builds the expression's graph from the variables x0, x1, ...
 */
public record Expr(String text, Function<List<Value>, Value> f) {

    /** Builds the expression on the given variables. */
    public Value eval(List<Value> vars) {
        return f.apply(vars);
    }

    /** The expression's value at {@code x}, without recording a graph. */
    public double valueAt(double... x) {
        try (var off = GradMode.disabled()) {
            return f.apply(Value.listOf(x)).data();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
