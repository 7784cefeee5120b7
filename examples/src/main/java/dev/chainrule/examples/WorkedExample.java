package dev.chainrule.examples;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The textbook worked example of one backpropagation step (shared/spec/worked-example.md),
 * computed with scalar {@link Value} nodes, one node per weight: 3 inputs, two sigmoid
 * hidden units (4 and 5), one sigmoid output (6), loss E = 1/2 (t - o6)^2, plain gradient
 * descent with eta = 0.9.
 *
 * <p>Every number comes from the engine: forward values are node data, the deltas are
 * {@code -dE/dnet} read from the interior nodes' gradients after {@code E.backward()}, and
 * the new weights are {@code w - eta * w.grad()}. The printout sets the textbook formula,
 * evaluated with plain doubles, beside each engine number so a reader sees that they agree.
 */
public final class WorkedExample {
    /** Learning rate of the worked example. */
    public static final double ETA = 0.9;
    /** The input vector x = (x1, x2, x3). */
    static final double[] X = {1, 0, 1};
    /** The target output. */
    static final double T = 1;

    /** Weight names in the spec's order, with their initial values. */
    static final Map<String, Double> INITIAL = initialWeights();

    /** How close the engine must come to the spec's exact values. */
    public static final double SPEC_TOLERANCE = 1e-12;

    /**
     * The spec's exact column (shared/spec/worked-example.md), in its order: o4, o5, o6, the
     * three deltas, the eleven new weights ("new w14", ...) and "o6 after".
     */
    static final Map<String, Double> SPEC = specValues();

    private WorkedExample() {
    }

    private static Map<String, Double> initialWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("w14", 0.2);
        w.put("w24", 0.4);
        w.put("w34", -0.5);
        w.put("b4", -0.4);
        w.put("w15", -0.3);
        w.put("w25", 0.1);
        w.put("w35", 0.2);
        w.put("b5", 0.2);
        w.put("w46", -0.3);
        w.put("w56", -0.2);
        w.put("b6", 0.1);
        return w;
    }

    /**
     * Every number of the example, from the engine.
     *
     * @param forward   net4, o4, net5, o5, net6, o6, E before the step, in that order
     * @param deltas    delta6, delta5, delta4 (= -dE/dnet, from the engine's gradients)
     * @param gradients dE/dw for each weight, in the spec's order
     * @param updated   each weight after the step, in the spec's order
     * @param o6After   the network's output after the step
     * @param lossAfter E after the step
     */
    public record Result(Map<String, Double> forward, Map<String, Double> deltas, Map<String, Double> gradients,
                         Map<String, Double> updated, double o6After, double lossAfter) {
    }

    private static Map<String, Double> specValues() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("o4", 0.3318122278318339);
        v.put("o5", 0.52497918747894);
        v.put("o6", 0.47388889882398544);
        v.put("delta6", 0.1311690782143445);
        v.put("delta5", -0.0065420850641689935);
        v.put("delta4", -0.008724561965433263);
        v.put("new w14", 0.19214789423111006);
        v.put("new w24", 0.4);
        v.put("new w34", -0.50785210576889);
        v.put("new b4", -0.40785210576888997);
        v.put("new w15", -0.30588787655775207);
        v.put("new w25", 0.1);
        v.put("new w35", 0.19411212344224793);
        v.put("new b5", 0.19411212344224793);
        v.put("new w46", -0.26082884634154524);
        v.put("new w56", -0.13802506750700472);
        v.put("new b6", 0.21805217039291008);
        v.put("o6 after", 0.515247950984996);
        return v;
    }

    /**
     * The engine's numbers under the spec's names (see {@link #SPEC}).
     *
     * @param r a computed example
     * @return o4, o5, o6, the deltas, the new weights and o6 after the step
     */
    static Map<String, Double> asSpec(Result r) {
        Map<String, Double> v = new LinkedHashMap<>();
        for (String k : List.of("o4", "o5", "o6")) {
            v.put(k, r.forward().get(k));
        }
        v.putAll(r.deltas());
        r.updated().forEach((w, x) -> v.put("new " + w, x));
        v.put("o6 after", r.o6After());
        return v;
    }

    /** The largest |engine - spec| over the spec's numbers, and where it is. */
    record SpecCheck(double largest, String where, int compared) {
        /** Whether every number is within {@link #SPEC_TOLERANCE}. */
        boolean passed() {
            return largest <= SPEC_TOLERANCE;
        }
    }

    /** Compares every number the spec lists with the engine's. */
    static SpecCheck checkAgainstSpec(Result r) {
        Map<String, Double> ours = asSpec(r);
        double largest = 0;
        String where = "";
        for (Map.Entry<String, Double> e : SPEC.entrySet()) {
            double d = Math.abs(ours.get(e.getKey()) - e.getValue());
            if (!(d <= largest)) { // NaN counts as the largest
                largest = d;
                where = e.getKey();
            }
        }
        return new SpecCheck(largest, where, SPEC.size());
    }

    /** The scalar graph of the network for one set of weights. */
    private static final class Net {
        final Map<String, Value> w = new LinkedHashMap<>();
        final Value net4, o4, net5, o5, net6, o6, loss;

        Net(Map<String, Double> weights) {
            weights.forEach((name, v) -> w.put(name, Value.of(v).label(name)));
            Value x1 = Value.constant(X[0]).label("x1");
            Value x2 = Value.constant(X[1]).label("x2");
            Value x3 = Value.constant(X[2]).label("x3");
            net4 = Value.dot(List.of(x1, x2, x3), List.of(w.get("w14"), w.get("w24"), w.get("w34")))
                    .add(w.get("b4")).label("net4");
            o4 = net4.sigmoid().label("o4");
            net5 = Value.dot(List.of(x1, x2, x3), List.of(w.get("w15"), w.get("w25"), w.get("w35")))
                    .add(w.get("b5")).label("net5");
            o5 = net5.sigmoid().label("o5");
            net6 = Value.dot(List.of(o4, o5), List.of(w.get("w46"), w.get("w56"))).add(w.get("b6")).label("net6");
            o6 = net6.sigmoid().label("o6");
            loss = Value.constant(T).sub(o6).pow(2).mul(0.5).label("E");
        }
    }

    /**
     * Runs the forward pass, backward pass and one gradient-descent step.
     *
     * @return the forward values, deltas, gradients and updated weights
     */
    public static Result compute() {
        Net net = new Net(INITIAL);
        Map<String, Double> forward = new LinkedHashMap<>();
        forward.put("net4", net.net4.data());
        forward.put("o4", net.o4.data());
        forward.put("net5", net.net5.data());
        forward.put("o5", net.o5.data());
        forward.put("net6", net.net6.data());
        forward.put("o6", net.o6.data());
        forward.put("E", net.loss.data());

        net.loss.backward();
        Map<String, Double> deltas = new LinkedHashMap<>();
        // the engine keeps interior gradients of the last pass: dE/dnet, so delta = -grad
        deltas.put("delta6", -net.net6.grad());
        deltas.put("delta5", -net.net5.grad());
        deltas.put("delta4", -net.net4.grad());

        Map<String, Double> gradients = new LinkedHashMap<>();
        Map<String, Double> updated = new LinkedHashMap<>();
        net.w.forEach((name, w) -> {
            gradients.put(name, w.grad());
            updated.put(name, w.data() - ETA * w.grad());
        });

        Net after = new Net(updated);
        return new Result(forward, deltas, gradients, updated, after.o6.data(), after.loss.data());
    }

    /**
     * The same step with tensors: W1 is 3x2 (column 0 feeds unit 4, column 1 unit 5), W2 is
     * 2x1. Returns the updated weights under the scalar names, for comparison.
     *
     * @return the updated weights, keyed by the scalar example's names (w14, ..., b6)
     */
    public static Map<String, Double> computeWithTensors() {
        Map<String, Double> w = INITIAL;
        Tensor x = Tensor.constant(X, 1, 3);
        Tensor w1 = Tensor.of(new double[] {
            w.get("w14"), w.get("w15"),
            w.get("w24"), w.get("w25"),
            w.get("w34"), w.get("w35")}, 3, 2);
        Tensor b1 = Tensor.of(new double[] {w.get("b4"), w.get("b5")}, 2);
        Tensor w2 = Tensor.of(new double[] {w.get("w46"), w.get("w56")}, 2, 1);
        Tensor b2 = Tensor.of(new double[] {w.get("b6")}, 1);
        Tensor o = x.matmul(w1).add(b1).sigmoid().matmul(w2).add(b2).sigmoid();
        Tensor loss = Tensor.scalar(T).sub(o).pow(2).mul(0.5).sum();
        loss.backward();
        double[] nw1 = step(w1), nb1 = step(b1), nw2 = step(w2), nb2 = step(b2);
        Map<String, Double> updated = new LinkedHashMap<>();
        updated.put("w14", nw1[0]);
        updated.put("w24", nw1[2]);
        updated.put("w34", nw1[4]);
        updated.put("b4", nb1[0]);
        updated.put("w15", nw1[1]);
        updated.put("w25", nw1[3]);
        updated.put("w35", nw1[5]);
        updated.put("b5", nb1[1]);
        updated.put("w46", nw2[0]);
        updated.put("w56", nw2[1]);
        updated.put("b6", nb2[0]);
        return updated;
    }

    /** Plain gradient descent on one tensor: w - eta * dE/dw. */
    private static double[] step(Tensor w) {
        double[] d = w.toArray(), g = w.grad().toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] -= ETA * g[i];
        }
        return d;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * Prints the example as three tables: forward, deltas, updates, each formula beside its number.
     *
     * @param out where the tables are printed
     * @return the computed step, as {@link #compute()} returns it
     */
    public static Result print(PrintWriter out) {
        Result r = compute();
        Map<String, Double> w = INITIAL;
        double x1 = X[0], x2 = X[1], x3 = X[2];
        Map<String, Double> f = r.forward();

        out.println("Part 1: one step of backpropagation, by the formula and by the engine");
        out.println("  network 3-2-1, sigmoid units 4, 5 (hidden) and 6 (output), one Value node per weight");
        out.println("  x = (1, 0, 1), target t = 1, loss E = 1/2 (t - o6)^2, learning rate eta = 0.9");
        out.println();
        out.println("Forward pass (engine values)");
        row(out, "net4", "w14*x1 + w24*x2 + w34*x3 + b4", f.get("net4"));
        row(out, "o4", "sigmoid(net4) = 1 / (1 + e^-net4)", f.get("o4"));
        row(out, "net5", "w15*x1 + w25*x2 + w35*x3 + b5", f.get("net5"));
        row(out, "o5", "sigmoid(net5)", f.get("o5"));
        row(out, "net6", "w46*o4 + w56*o5 + b6", f.get("net6"));
        row(out, "o6", "sigmoid(net6)", f.get("o6"));
        row(out, "E", "1/2 (t - o6)^2", f.get("E"));
        out.println();

        // the textbook formulas in plain doubles, to set beside the engine's numbers
        double o4 = sigmoid(w.get("w14") * x1 + w.get("w24") * x2 + w.get("w34") * x3 + w.get("b4"));
        double o5 = sigmoid(w.get("w15") * x1 + w.get("w25") * x2 + w.get("w35") * x3 + w.get("b5"));
        double o6 = sigmoid(w.get("w46") * o4 + w.get("w56") * o5 + w.get("b6"));
        double d6 = o6 * (1 - o6) * (T - o6);
        double d5 = o5 * (1 - o5) * w.get("w56") * d6;
        double d4 = o4 * (1 - o4) * w.get("w46") * d6;
        out.println("Backward pass: delta = -dE/dnet (engine: E.backward(), then -net.grad())");
        out.printf("  %-8s %-34s %-24s %s%n", "quantity", "formula", "formula value", "engine value");
        row(out, "delta6", "o6 (1 - o6) (t - o6)", d6, r.deltas().get("delta6"));
        row(out, "delta5", "o5 (1 - o5) w56 delta6", d5, r.deltas().get("delta5"));
        row(out, "delta4", "o4 (1 - o4) w46 delta6", d4, r.deltas().get("delta4"));
        out.println();

        out.println("Update: w <- w - eta * dE/dw, the same as w <- w + eta * delta * (input to w)");
        out.printf("  %-8s %-34s %-24s %s%n", "weight", "formula", "dE/dw (engine)", "new value");
        String[][] rules = {
            {"w14", "w14 + eta delta4 x1"}, {"w24", "w24 + eta delta4 x2"}, {"w34", "w34 + eta delta4 x3"},
            {"b4", "b4 + eta delta4"},
            {"w15", "w15 + eta delta5 x1"}, {"w25", "w25 + eta delta5 x2"}, {"w35", "w35 + eta delta5 x3"},
            {"b5", "b5 + eta delta5"},
            {"w46", "w46 + eta delta6 o4"}, {"w56", "w56 + eta delta6 o5"}, {"b6", "b6 + eta delta6"},
        };
        for (String[] rule : rules) {
            row(out, rule[0], rule[1], r.gradients().get(rule[0]), r.updated().get(rule[0]));
        }
        out.println();
        out.println("After the step (forward pass with the new weights)");
        row(out, "o6", "sigmoid(net6) with new weights", r.o6After());
        row(out, "E", "1/2 (t - o6)^2", r.lossAfter());
        out.printf("  the output moved toward the target: %s -> %s (t = 1)%n", f.get("o6"), r.o6After());
        out.println();
        Map<String, Double> tensorStep = computeWithTensors();
        double maxDiff = 0;
        for (Map.Entry<String, Double> e : r.updated().entrySet()) {
            maxDiff = Math.max(maxDiff, Math.abs(e.getValue() - tensorStep.get(e.getKey())));
        }
        out.printf("The same step with tensors (W1 3x2, b1 2, W2 2x1, b2 1; matmul, sigmoid, one backward; %s):%n",
                "matmul " + dev.chainrule.autograd.Backend.kernel());
        out.printf("  largest difference from the scalar weights above: %s%n", maxDiff);
        out.println();
        SpecCheck spec = checkAgainstSpec(r);
        out.printf("Checked against shared/spec/worked-example.md: largest difference %s over its %d exact numbers "
                + "(at %s), %s the %s required%n", spec.largest(), spec.compared(), spec.where(),
                spec.passed() ? "matched within" : "NOT within", SPEC_TOLERANCE);
        return r;
    }

    private static void row(PrintWriter out, String name, String formula, double value) {
        out.printf("  %-8s %-34s %s%n", name, formula, value);
    }

    private static void row(PrintWriter out, String name, String formula, double a, double b) {
        out.printf("  %-8s %-34s %-24s %s%n", name, formula, a, b);
    }
}
