package dev.chainrule.testkit;

import dev.chainrule.autograd.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik generators of random differentiable expressions over a few variables, for anyone
 * property-testing gradients:
 *
 * <pre>{@code
 * @Property
 * void chainRuleHolds(@ForAll("expressions") Expr e, @ForAll("points") double[] x) {
 *     Assume.that(Expressions.wellConditioned(e, x, 1e-3));
 *     GradientAssertions.assertGradients(e, x);
 * }
 * }</pre>
 *
 * <p>The grammar has two sorts so every op gets inputs from its domain: {@link #any} may
 * take any sign, {@link #positive} is positive by construction (exp, softplus + c, sigmoid,
 * squares + c, positive constants), and log, sqrt, division and pow with a variable exponent
 * take a positive operand. Leaves are weighted up so generation ends, and shrinking replaces
 * a tree by a subtree, so a failure is reported as the smallest failing expression in infix.
 *
 * <p>Kinks (relu, abs, max, ...) are allowed unless {@code smooth}; a property should then
 * skip points near them with {@link #wellConditioned}, since finite differences are
 * meaningless across a kink.
 */
public final class Expressions {
    private Expressions() {
    }

    /**
     * Expressions of any sign over {@code vars} variables, nested at most {@code depth} deep.
     *
     * @param vars   the number of variables x0 .. x(vars-1), at least 1
     * @param depth  the deepest nesting of ops, at least 0 (0: a variable or a constant)
     * @param smooth true to leave out the ops with kinks (relu, abs, leakyRelu, step, max, min)
     * @return the arbitrary
     */
    public static Arbitrary<Expr> any(int vars, int depth, boolean smooth) {
        if (vars < 1 || depth < 0) {
            throw new IllegalArgumentException("Expressions.any: need vars >= 1 and depth >= 0, got " + vars + ", " + depth);
        }
        if (depth == 0) {
            return leaf(vars);
        }
        return Arbitraries.lazyOf(
                () -> leaf(vars),
                () -> leaf(vars),
                () -> unary(any(vars, depth - 1, smooth), smooth),
                () -> binary(any(vars, depth - 1, smooth), any(vars, depth - 1, smooth), smooth),
                () -> needsPositive(vars, depth - 1, smooth));
    }

    /**
     * Expressions that are positive for every input.
     *
     * @param vars   the number of variables, at least 1
     * @param depth  the deepest nesting of ops inside the outer positive one, at least 0
     * @param smooth true to leave out the ops with kinks
     * @return the arbitrary
     */
    public static Arbitrary<Expr> positive(int vars, int depth, boolean smooth) {
        Arbitrary<Expr> inner = depth == 0 ? leaf(vars) : any(vars, depth - 1, smooth);
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.5, 3).map(Expressions::constant),
                inner.map(e -> unary("exp", e, Value::exp)),
                inner.map(e -> unary("sigmoid", e, Value::sigmoid)),
                inner.map(e -> smoothNode("(softplus(" + e + ") + 0.5)", v -> e.eval(v).softplus().add(0.5), e)),
                inner.map(e -> smoothNode("((" + e + ")^2 + 0.25)", v -> e.eval(v).pow(2).add(0.25), e)));
    }

    /**
     * True when finite differences are meaningful for {@code e} at {@code x} (see
     * {@link Expr#wellConditionedAt}): every subexpression finite and moderate, kink ops at least
     * {@code margin} from their kinks, log, sqrt and division operands away from 0.
     *
     * @param e      the expression
     * @param x      the variables' values
     * @param margin the distance to keep
     * @return whether a gradient check of {@code e} at {@code x} is meaningful
     */
    public static boolean wellConditioned(Expr e, double[] x, double margin) {
        return e.wellConditionedAt(x, margin);
    }

    /** Ops that need a positive operand: log, sqrt, division, pow. */
    private static Arbitrary<Expr> needsPositive(int vars, int depth, boolean smooth) {
        Arbitrary<Expr> pos = positive(vars, depth, smooth);
        Arbitrary<Expr> any = any(vars, depth, smooth);
        return Arbitraries.oneOf(
                pos.map(p -> awayFromZero("log", p, Value::log)),
                pos.map(p -> awayFromZero("sqrt", p, Value::sqrt)),
                any.flatMap(a -> pos.map(p -> Expr.node("(" + a + " / " + p + ")", v -> a.eval(v).div(p.eval(v)),
                        List.of(a, p), (in, m) -> Math.abs(in[1]) >= m))),
                pos.flatMap(p -> any.map(a -> Expr.node("(" + p + " ^ " + a + ")", v -> p.eval(v).pow(a.eval(v)),
                        List.of(p, a), (in, m) -> Math.abs(in[0]) >= m))),
                pos.flatMap(p -> Arbitraries.doubles().between(-2, 3).ofScale(1)
                        .map(k -> smoothNode("(" + p + " ^ " + k + ")", v -> p.eval(v).pow(k), p))));
    }

    private static Arbitrary<Expr> leaf(int vars) {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, vars - 1).map(Expressions::variable),
                Arbitraries.integers().between(0, vars - 1).map(Expressions::variable),
                Arbitraries.doubles().between(-2, 2).ofScale(2).map(Expressions::constant));
    }

    private static Arbitrary<Expr> unary(Arbitrary<Expr> arg, boolean smooth) {
        List<Arbitrary<Expr>> ops = new ArrayList<>(List.of(
                arg.map(e -> unary("-", e, Value::neg)),
                arg.map(e -> unary("sin", e, Value::sin)),
                arg.map(e -> unary("cos", e, Value::cos)),
                arg.map(e -> unary("tanh", e, Value::tanh)),
                arg.map(e -> unary("sigmoid", e, Value::sigmoid)),
                arg.map(e -> unary("softplus", e, Value::softplus)),
                arg.map(e -> smoothNode("(" + e + ")^2", v -> e.eval(v).pow(2), e)),
                arg.map(e -> smoothNode("(" + e + ")^3", v -> e.eval(v).pow(3), e))));
        if (!smooth) {
            // each has its kink at 0
            ops.add(arg.map(e -> kinkAtZero("relu(" + e + ")", v -> e.eval(v).relu(), e)));
            ops.add(arg.map(e -> kinkAtZero("abs(" + e + ")", v -> e.eval(v).abs(), e)));
            ops.add(arg.map(e -> kinkAtZero("leakyRelu(" + e + ", 0.1)", v -> e.eval(v).leakyRelu(0.1), e)));
            ops.add(arg.map(e -> kinkAtZero("step(" + e + ")", v -> e.eval(v).step(), e)));
        }
        return Arbitraries.oneOf(ops);
    }

    private static Arbitrary<Expr> binary(Arbitrary<Expr> left, Arbitrary<Expr> right, boolean smooth) {
        List<String> names = new ArrayList<>(List.of("+", "-", "*"));
        if (!smooth) {
            names.add("max");
            names.add("min");
        }
        return Arbitraries.of(names).flatMap(op -> left.flatMap(a -> right.map(b -> binary(op, a, b))));
    }

    private static Expr binary(String op, Expr a, Expr b) {
        BinaryOperator<Value> f;
        switch (op) {
            case "+": f = Value::add; break;
            case "-": f = Value::sub; break;
            case "*": f = Value::mul; break;
            case "max": f = Value::max; break;
            case "min": f = Value::min; break;
            default: throw new IllegalArgumentException(op);
        }
        boolean named = Character.isLetter(op.charAt(0));
        String text = named ? op + "(" + a + ", " + b + ")" : "(" + a + " " + op + " " + b + ")";
        // max and min have their kink where the operands tie
        Expr.Condition c = named ? (in, m) -> Math.abs(in[0] - in[1]) >= m : (in, m) -> true;
        return Expr.node(text, v -> f.apply(a.eval(v), b.eval(v)), List.of(a, b), c);
    }

    private static Expr variable(int i) {
        return Expr.of("x" + i, v -> v.get(i));
    }

    private static Expr constant(double c) {
        // a negative literal is bracketed so "(c)^2" style text reads the same to a person and a parser
        String text = c < 0 || (c == 0 && 1 / c < 0) ? "(" + c + ")" : Double.toString(c);
        return Expr.of(text, v -> Value.constant(c));
    }

    private static Expr unary(String name, Expr e, UnaryOperator<Value> op) {
        return smoothNode(name + "(" + e + ")", v -> op.apply(e.eval(v)), e);
    }

    private static Expr smoothNode(String text, Function<List<Value>, Value> f, Expr e) {
        return Expr.node(text, f, List.of(e), (in, m) -> true);
    }

    private static Expr kinkAtZero(String text, Function<List<Value>, Value> f, Expr e) {
        return Expr.node(text, f, List.of(e), (in, m) -> Math.abs(in[0]) >= m);
    }

    /** log and sqrt: the operand stays at least the margin above 0 (their specs' lower end). */
    private static Expr awayFromZero(String name, Expr p, UnaryOperator<Value> op) {
        return Expr.node(name + "(" + p + ")", v -> op.apply(p.eval(v)), List.of(p), (in, m) -> in[0] >= m);
    }
}
