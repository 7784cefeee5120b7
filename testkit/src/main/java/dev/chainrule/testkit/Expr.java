package dev.chainrule.testkit;

import dev.chainrule.autograd.GradMode;
import dev.chainrule.autograd.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A random differentiable expression for property tests, made by {@link Expressions}: its
 * infix text (what jqwik shows when a property fails, after shrinking), how to build it from
 * {@link Value}s, and where finite differences are meaningful for it. Immutable.
 */
public final class Expr {
    /** Where a node's own op is well-behaved, given its operands' values at a point. */
    @FunctionalInterface
    interface Condition {
        boolean holds(double[] operands, double margin);
    }

    private static final Condition ALWAYS = (operands, margin) -> true;

    private final String text;
    private final Function<List<Value>, Value> f;
    private final List<Expr> operands;
    private final Condition condition;

    private Expr(String text, Function<List<Value>, Value> f, List<Expr> operands, Condition condition) {
        this.text = text;
        this.f = f;
        this.operands = List.copyOf(operands);
        this.condition = condition;
    }

    /**
     * An expression with no conditions on where it is evaluated (its operands, if any, have none either).
     *
     * @param text infix form, e.g. {@code tanh((x0 * x1))}
     * @param f    builds the expression's graph from the variables x0, x1, ...
     * @return the expression
     */
    public static Expr of(String text, Function<List<Value>, Value> f) {
        return new Expr(text, f, List.of(), ALWAYS);
    }

    /** A node over {@code operands} that is well-behaved where {@code condition} holds for their values. */
    static Expr node(String text, Function<List<Value>, Value> f, List<Expr> operands, Condition condition) {
        return new Expr(text, f, operands, condition);
    }

    /**
     * Builds the expression on the given variables.
     *
     * @param vars the variables x0, x1, ... (at least as many as the expression uses)
     * @return the expression's output node
     */
    public Value eval(List<Value> vars) {
        return f.apply(vars);
    }

    /**
     * The expression's value at {@code x}, without recording a graph.
     *
     * @param x the variables' values
     * @return the value
     */
    public double valueAt(double... x) {
        try (var off = GradMode.disabled()) {
            return f.apply(Value.listOf(x)).data();
        }
    }

    /**
     * True when finite differences are meaningful at {@code x}: every subexpression is finite and
     * at most 1e4 in size, no kink op (relu, abs, max, ...) is within {@code margin} of its kink,
     * and the operands of log, sqrt, a division's divisor and the base of a power with a variable
     * exponent stay at least {@code margin} from 0. Walks the expression with an explicit stack.
     *
     * @param x      the variables' values
     * @param margin the distance to keep from kinks and poles
     * @return whether a gradient check at {@code x} is meaningful
     */
    public boolean wellConditionedAt(double[] x, double margin) {
        Deque<Expr> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            double v = e.valueAt(x);
            if (!Double.isFinite(v) || Math.abs(v) > 1e4) {
                return false;
            }
            double[] in = new double[e.operands.size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = e.operands.get(i).valueAt(x);
            }
            if (!e.condition.holds(in, margin)) {
                return false;
            }
            e.operands.forEach(todo::push);
        }
        return true;
    }

    /**
     * The infix text.
     *
     * @return the text, e.g. {@code tanh((x0 * x1))}
     */
    public String text() {
        return text;
    }

    /** @return the infix text, as jqwik reports a failing sample */
    @Override
    public String toString() {
        return text;
    }
}
