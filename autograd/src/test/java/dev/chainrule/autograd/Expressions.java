package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik generators of random differentiable expressions over a few variables, for anyone
 * property-testing gradients (nn's tests reuse them through the test jar).
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

    /** Expressions of any sign over {@code vars} variables, nested at most {@code depth} deep. */
    public static Arbitrary<Expr> any(int vars, int depth, boolean smooth) {
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

    /** Expressions that are positive for every input. */
    public static Arbitrary<Expr> positive(int vars, int depth, boolean smooth) {
        Arbitrary<Expr> inner = depth == 0 ? leaf(vars) : any(vars, depth - 1, smooth);
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.5, 3).map(Expressions::constant),
                inner.map(e -> unary("exp", e, Value::exp)),
                inner.map(e -> unary("sigmoid", e, Value::sigmoid)),
                inner.map(e -> new Expr("(softplus(" + e + ") + 0.5)", v -> e.eval(v).softplus().add(0.5))),
                inner.map(e -> new Expr("((" + e + ")^2 + 0.25)", v -> e.eval(v).pow(2).add(0.25))));
    }

    /** Ops that need a positive operand: log, sqrt, division, pow. */
    private static Arbitrary<Expr> needsPositive(int vars, int depth, boolean smooth) {
        Arbitrary<Expr> pos = positive(vars, depth, smooth);
        Arbitrary<Expr> any = any(vars, depth, smooth);
        return Arbitraries.oneOf(
                pos.map(p -> unary("log", p, Value::log)),
                pos.map(p -> unary("sqrt", p, Value::sqrt)),
                any.flatMap(a -> pos.map(p -> binary("/", a, p, Value::div))),
                pos.flatMap(p -> any.map(a -> new Expr("(" + p + " ^ " + a + ")", v -> p.eval(v).pow(a.eval(v))))),
                pos.flatMap(p -> Arbitraries.doubles().between(-2, 3).ofScale(1)
                        .map(k -> new Expr("(" + p + " ^ " + k + ")", v -> p.eval(v).pow(k)))));
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
                arg.map(e -> new Expr("(" + e + ")^2", v -> e.eval(v).pow(2))),
                arg.map(e -> new Expr("(" + e + ")^3", v -> e.eval(v).pow(3)))));
        if (!smooth) {
            ops.add(arg.map(e -> unary("relu", e, Value::relu)));
            ops.add(arg.map(e -> unary("abs", e, Value::abs)));
            ops.add(arg.map(e -> new Expr("leakyRelu(" + e + ", 0.1)", v -> e.eval(v).leakyRelu(0.1))));
            ops.add(arg.map(e -> unary("step", e, Value::step)));
        }
        return Arbitraries.oneOf(ops);
    }

    private static Arbitrary<Expr> binary(Arbitrary<Expr> left, Arbitrary<Expr> right, boolean smooth) {
        List<String> names = new ArrayList<>(List.of("+", "-", "*"));
        if (!smooth) {
            names.add("max");
            names.add("min");
        }
        return Arbitraries.of(names).flatMap(op -> left.flatMap(a -> right.map(b -> binary(op, a, b, operator(op)))));
    }

    private static BinaryOperator<Value> operator(String op) {
        switch (op) {
            case "+": return Value::add;
            case "-": return Value::sub;
            case "*": return Value::mul;
            case "max": return Value::max;
            case "min": return Value::min;
            default: throw new IllegalArgumentException(op);
        }
    }

    private static Expr variable(int i) {
        return new Expr("x" + i, v -> v.get(i));
    }

    private static Expr constant(double c) {
        // a negative literal is bracketed so "(c)^2" style text reads the same to a person and a parser
        String text = c < 0 || (c == 0 && 1 / c < 0) ? "(" + c + ")" : Double.toString(c);
        return new Expr(text, v -> Value.constant(c));
    }

    private static Expr unary(String name, Expr e, UnaryOperator<Value> op) {
        return new Expr(name + "(" + e + ")", v -> op.apply(e.eval(v)));
    }

    private static Expr binary(String name, Expr a, Expr b, BinaryOperator<Value> op) {
        String text = Character.isLetter(name.charAt(0)) ? name + "(" + a + ", " + b + ")" : "(" + a + " " + name + " " + b + ")";
        return new Expr(text, v -> op.apply(a.eval(v), b.eval(v)));
    }

    /**
     * True when finite differences are meaningful for {@code e} at {@code x}: every node is
     * finite and moderate, no kink op sits within {@code margin} of its kink, and log, sqrt and
     * division operands stay away from 0. Walks the graph with an explicit stack.
     */
    public static boolean wellConditioned(Expr e, double[] x, double margin) {
        Value out = e.eval(Value.listOf(x));
        for (Node n : Engine.order(out)) {
            Value node = (Value) n;
            if (!Double.isFinite(node.data()) || Math.abs(node.data()) > 1e4) {
                return false;
            }
            if (node.leaf()) {
                continue;
            }
            double a = node.in(0).data();
            switch (node.scalarOp()) {
                case FUNCTION -> {
                    // kinks and domain edges from the op's registry test spec
                    TestSpec spec = RegistryTesting.spec(node.opName());
                    double at = node.inputs().size() == 2 ? a - node.in(1).data() : a;
                    for (double k : spec.kinks()) {
                        if (Math.abs(at - k) < margin) {
                            return false;
                        }
                    }
                    if (spec.lo() > 0 && a < margin) { // log, sqrt: keep away from 0
                        return false;
                    }
                }
                case DIV, POW_VALUE -> {
                    if (Math.abs(node.in(node.scalarOp() == ScalarOp.DIV ? 1 : 0).data()) < margin) {
                        return false;
                    }
                }
                default -> { }
            }
        }
        return Double.isFinite(out.data());
    }
}
