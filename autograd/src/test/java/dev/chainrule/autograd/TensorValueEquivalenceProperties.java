package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.TensorArbitraries.ShapePair;
import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The two engines agree: a random elementwise expression over three broadcast-compatible
 * tensors gives, element by element, the same values as the same expression built from
 * {@link Value}s, and the same gradients, where each tensor element's gradient is the sum
 * over every output that reads it (broadcasting un-done by the chain rule on the scalar
 * side, by {@code sumTo} on the tensor side).
 *
 * <p>Points are not kept away from kinks or ties: both engines must take the same
 * subgradient there (relu'(0) = 0, ties of max/min split evenly, ...), so exact zeros,
 * which jqwik generates readily, make the check stronger.
 */
class TensorValueEquivalenceProperties {
    private static final int VARS = 3;

    /** An expression both engines can build; {@code text} is its infix form for reports. */
    record Dual(String text, Function<List<Value>, Value> v, Function<List<Tensor>, Tensor> t) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Three inputs: shapes a, b and their broadcast. */
    record Inputs(List<Tensor> tensors) {
    }

    @Provide
    Arbitrary<Dual> expressions() {
        return any(3);
    }

    @Provide
    Arbitrary<Inputs> inputs() {
        return TensorArbitraries.broadcastPairs().flatMap((ShapePair p) -> {
            Arbitrary<Double> element = Arbitraries.doubles().between(-2, 2).ofScale(2);
            return Combinators.combine(TensorArbitraries.tensors(p.a(), element),
                    TensorArbitraries.tensors(p.b(), element), TensorArbitraries.tensors(p.broadcast(), element))
                    .as((a, b, c) -> new Inputs(List.of(a, b, c)));
        });
    }

    @Property(tries = 150)
    void tensorAndValueEnginesGiveTheSameValuesAndGradients(@ForAll("expressions") Dual e,
                                                            @ForAll("inputs") Inputs in) {
        List<Tensor> xs = new ArrayList<>();
        for (Tensor t : in.tensors()) {
            xs.add(Tensor.of(t.toArray(), t.shape()));
        }
        int[] full = in.tensors().get(2).shape();
        // adding zeros of the full shape makes every expression's output that shape
        Tensor out = e.t().apply(xs).add(Tensor.zeros(full));
        double[] weights = weights(out.size());
        Tensor loss = out.mul(Tensor.constant(weights, full)).sum();
        if (loss.requiresGrad()) {
            loss.backward();
        }

        List<Value[]> leaves = new ArrayList<>();
        for (Tensor t : xs) {
            Value[] v = new Value[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Value.of(t.toArray()[i]);
            }
            leaves.add(v);
        }
        List<Value> terms = new ArrayList<>();
        double[] expected = new double[out.size()];
        for (int k = 0; k < expected.length; k++) {
            int[] idx = TensorTesting.unravel(k, full);
            List<Value> vars = new ArrayList<>();
            for (int j = 0; j < VARS; j++) {
                vars.add(leaves.get(j)[TensorTesting.broadcastIndex(idx, xs.get(j).shape())]);
            }
            Value o = e.v().apply(vars);
            expected[k] = o.data();
            terms.add(o.mul(weights[k]));
        }
        TensorTesting.assertTensor(full, expected, out, 1e-12);
        Value scalarLoss = Value.sum(terms);
        if (scalarLoss.requiresGrad()) {
            scalarLoss.backward();
        }
        for (int j = 0; j < VARS; j++) {
            double[] scalarGrad = new double[leaves.get(j).length];
            for (int i = 0; i < scalarGrad.length; i++) {
                scalarGrad[i] = leaves.get(j)[i].grad();
            }
            Tensor g = xs.get(j).grad();
            double[] tensorGrad = g == null ? new double[scalarGrad.length] : g.toArray();
            assertSameNumbers(scalarGrad, tensorGrad, "gradient of x" + j);
        }
    }

    // ---------------------------------------------------------------- grammar

    private static Arbitrary<Dual> any(int depth) {
        if (depth == 0) {
            return leaf();
        }
        return Arbitraries.lazyOf(
                TensorValueEquivalenceProperties::leaf,
                TensorValueEquivalenceProperties::leaf,
                () -> unary(any(depth - 1)),
                () -> binary(any(depth - 1), any(depth - 1)),
                () -> withConstant(any(depth - 1)),
                () -> needsPositive(depth - 1));
    }

    /** Positive for every input, so log, sqrt, division and pow get operands in their domain. */
    private static Arbitrary<Dual> positive(int depth) {
        Arbitrary<Dual> inner = depth == 0 ? leaf() : any(depth - 1);
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(0.5, 3).ofScale(2).map(TensorValueEquivalenceProperties::constant),
                inner.map(e -> unary("exp", e, Value::exp, Tensor::exp)),
                inner.map(e -> unary("sigmoid", e, Value::sigmoid, Tensor::sigmoid)),
                inner.map(e -> new Dual("(softplus(" + e + ") + 0.5)", v -> e.v().apply(v).softplus().add(0.5),
                        t -> e.t().apply(t).softplus().add(0.5))),
                inner.map(e -> new Dual("(" + e + "^2 + 0.25)", v -> e.v().apply(v).pow(2).add(0.25),
                        t -> e.t().apply(t).pow(2).add(0.25))));
    }

    private static Arbitrary<Dual> needsPositive(int depth) {
        Arbitrary<Dual> pos = positive(depth);
        Arbitrary<Dual> any = any(depth);
        return Arbitraries.oneOf(
                pos.map(p -> unary("log", p, Value::log, Tensor::log)),
                pos.map(p -> unary("sqrt", p, Value::sqrt, Tensor::sqrt)),
                any.flatMap(a -> pos.map(p -> binary("/", a, p, Value::div, Tensor::div))),
                pos.flatMap(p -> any.map(a -> binary("^", p, a, Value::pow, Tensor::pow))));
    }

    private static Arbitrary<Dual> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, VARS - 1).map(i -> new Dual("x" + i, v -> v.get(i), t -> t.get(i))),
                Arbitraries.integers().between(0, VARS - 1).map(i -> new Dual("x" + i, v -> v.get(i), t -> t.get(i))),
                Arbitraries.doubles().between(-2, 2).ofScale(1).map(TensorValueEquivalenceProperties::constant));
    }

    private static Arbitrary<Dual> unary(Arbitrary<Dual> arg) {
        return Arbitraries.oneOf(List.of(
                arg.map(e -> unary("-", e, Value::neg, Tensor::neg)),
                arg.map(e -> unary("sin", e, Value::sin, Tensor::sin)),
                arg.map(e -> unary("cos", e, Value::cos, Tensor::cos)),
                arg.map(e -> unary("tanh", e, Value::tanh, Tensor::tanh)),
                arg.map(e -> unary("sigmoid", e, Value::sigmoid, Tensor::sigmoid)),
                arg.map(e -> unary("softplus", e, Value::softplus, Tensor::softplus)),
                arg.map(e -> unary("relu", e, Value::relu, Tensor::relu)),
                arg.map(e -> unary("abs", e, Value::abs, Tensor::abs)),
                arg.map(e -> unary("step", e, Value::step, Tensor::step)),
                arg.map(e -> unary("leakyRelu0.1", e, v -> v.leakyRelu(0.1), t -> t.leakyRelu(0.1))),
                arg.map(e -> unary("^2", e, v -> v.pow(2), t -> t.pow(2))),
                arg.map(e -> unary("^3", e, v -> v.pow(3), t -> t.pow(3)))));
    }

    private static Arbitrary<Dual> binary(Arbitrary<Dual> left, Arbitrary<Dual> right) {
        return Arbitraries.of("+", "-", "*", "max", "min").flatMap(op -> left.flatMap(a -> right.map(b -> {
            switch (op) {
                case "+": return binary(op, a, b, Value::add, Tensor::add);
                case "-": return binary(op, a, b, Value::sub, Tensor::sub);
                case "*": return binary(op, a, b, Value::mul, Tensor::mul);
                case "max": return binary(op, a, b, Value::max, Tensor::max);
                default: return binary(op, a, b, Value::min, Tensor::min);
            }
        })));
    }

    /** The double overloads: {@code e + c}, {@code e - c}, {@code e * c}, {@code e / c}. */
    private static Arbitrary<Dual> withConstant(Arbitrary<Dual> arg) {
        Arbitrary<Double> cs = Arbitraries.of(-1.5, -0.5, 0.25, 2.0);
        return Combinators.combine(arg, cs, Arbitraries.of("+", "-", "*", "/")).as((e, c, op) -> {
            String text = "(" + e + " " + op + " " + c + ")";
            switch (op) {
                case "+": return new Dual(text, v -> e.v().apply(v).add(c), t -> e.t().apply(t).add(c));
                case "-": return new Dual(text, v -> e.v().apply(v).sub(c), t -> e.t().apply(t).sub(c));
                case "*": return new Dual(text, v -> e.v().apply(v).mul(c), t -> e.t().apply(t).mul(c));
                default: return new Dual(text, v -> e.v().apply(v).div(c), t -> e.t().apply(t).div(c));
            }
        });
    }

    private static Dual constant(double c) {
        return new Dual(Double.toString(c), v -> Value.constant(c), t -> Tensor.scalar(c));
    }

    private static Dual unary(String name, Dual e, UnaryOperator<Value> v, UnaryOperator<Tensor> t) {
        return new Dual(name + "(" + e + ")", x -> v.apply(e.v().apply(x)), x -> t.apply(e.t().apply(x)));
    }

    private static Dual binary(String name, Dual a, Dual b, BinaryOperator<Value> v, BinaryOperator<Tensor> t) {
        return new Dual("(" + a + " " + name + " " + b + ")", x -> v.apply(a.v().apply(x), b.v().apply(x)),
                x -> t.apply(a.t().apply(x), b.t().apply(x)));
    }

    // ---------------------------------------------------------------- helpers

    /** Fixed, distinct weights so a gradient sent to the wrong output element shows. */
    private static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + 0.37 * Math.sin(1.3 * i + 0.5);
        }
        return w;
    }

    private static void assertSameNumbers(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, a, what + " [" + i + "]");
            } else {
                assertEquals(e, a, 1e-9 * Math.max(1, Math.abs(e)), what + " [" + i + "]");
            }
        }
    }
}
