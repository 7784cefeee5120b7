package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * No NaN (or infinity) from nowhere: ops evaluated inside their domain give finite values,
 * finite gradients and finite second derivatives, however large the logits (±1000, where a
 * naive exp overflows), and the degenerate-but-valid cases (variance of one element with
 * correction 0, ties in max/min) give the textbook numbers.
 */
class FiniteResultProperties {

    /**
     * A tensor of large logits and one of its axes.
     *
     * @param x    logits, mostly of magnitude near 1000
     * @param axis an axis of x
     */
    record Logits(Tensor x, int axis) {
        @Override
        public String toString() {
            return x + " along " + axis;
        }
    }

    @Provide
    Arbitrary<Logits> logits() {
        Arbitrary<Double> element = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(1000.0, -1000.0, 999.5, -999.5, 0.0)),
                Tuple.of(2, TensorArbitraries.values(-1000, 1000)));
        return TensorArbitraries.shapes(1, 3, 4).flatMap(s -> Combinators.combine(
                TensorArbitraries.tensors(s, element), TensorArbitraries.axis(s.length)).as(Logits::new));
    }

    /** Functions of large logits that are finite with finite derivatives everywhere. */
    private static Map<String, Function<Tensor, Tensor>> stable(int axis) {
        Map<String, Function<Tensor, Tensor>> f = new LinkedHashMap<>();
        f.put("softmax", t -> t.softmax(axis));
        f.put("logSoftmax", t -> t.logSoftmax(axis));
        f.put("logSumExp(axis)", t -> t.logSumExp(axis));
        f.put("logSumExp(axis, keepDims)", t -> t.logSumExp(axis, true));
        f.put("logSumExp()", Tensor::logSumExp);
        f.put("sigmoid", Tensor::sigmoid);
        f.put("softplus", Tensor::softplus);
        f.put("tanh", Tensor::tanh);
        f.put("log-sigmoid as -softplus(-x)", t -> t.neg().softplus().neg());
        // binary cross-entropy with logits against 0/1 targets: softplus(x) - x·y
        f.put("bce with logits", t -> t.softplus().sub(t.mul(t.gt(0))));
        // cross-entropy: -logSoftmax picked at the largest logit
        f.put("cross-entropy", t -> t.logSoftmax(axis).gather(axis, argmax(t, axis)).neg().mean());
        f.put("max-shifted exp", t -> t.sub(t.max(axis, true)).exp());
        f.put("mean", Tensor::mean);
        f.put("var(correction 0)", t -> t.var(new int[] {axis}, false, 0));
        return f;
    }

    /** The index of each slice's largest element along {@code axis}, kept as size 1, as a constant. */
    private static Tensor argmax(Tensor t, int axis) {
        Tensor isMax = t.eq(t.max(axis, true));
        int n = t.shape()[axis < 0 ? axis + t.dim() : axis];
        int[] shape = new int[t.dim()];
        Arrays.fill(shape, 1);
        shape[axis < 0 ? axis + t.dim() : axis] = n;
        double[] positions = new double[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        // the first maximal position: the smallest of (position where max, n elsewhere)
        Tensor pos = Tensor.where(isMax, Tensor.constant(positions, shape), Tensor.scalar(n));
        return pos.min(axis, true).detach();
    }

    @Property(tries = 60)
    void stableOpsAreFiniteWithFiniteDerivativesAtLargeLogits(@ForAll("logits") Logits in) {
        for (Map.Entry<String, Function<Tensor, Tensor>> op : stable(in.axis()).entrySet()) {
            Tensor x = Tensor.of(in.x().toArray(), in.x().shape());
            Tensor y = op.getValue().apply(x);
            assertFinite(op.getKey() + " forward", y.toArray());
            y.backward(Tensor.ones(y.shape()).mul(0.5));
            assertFinite(op.getKey() + " gradient", x.grad().toArray());
            Function<Tensor, Tensor> scalar = t -> op.getValue().apply(t).sum();
            Tensor v = Tensor.constant(alternating(x.size()), x.shape());
            assertFinite(op.getKey() + " Hessian-vector product", Autograd.hvp(scalar, in.x(), v).toArray());
        }
    }

    /**
     * Logits masked with -∞ (attention-style), each slice keeping at least one finite entry:
     * softmax and logSumExp stay finite and all gradients too (log-softmax is -∞ exactly at the
     * masked entries, as in PyTorch).
     */
    @Property(tries = 40)
    void maskedLogitsGiveFiniteSoftmaxAndGradients(@ForAll("logits") Logits in) {
        int axis = in.axis();
        Tensor raw = in.x().detach();
        Tensor masked = Tensor.where(raw.gt(500), Tensor.scalar(Double.NEGATIVE_INFINITY), raw);
        Tensor data = Tensor.concat(axis, raw.narrow(axis, 0, 1).clamp(-1000, 500), masked);
        Map<String, Function<Tensor, Tensor>> f = new LinkedHashMap<>();
        f.put("softmax", t -> t.softmax(axis));
        f.put("logSumExp", t -> t.logSumExp(axis));
        f.put("logSoftmax", t -> t.logSoftmax(axis));
        for (Map.Entry<String, Function<Tensor, Tensor>> op : f.entrySet()) {
            Tensor x = Tensor.of(data.toArray(), data.shape());
            Tensor y = op.getValue().apply(x);
            if (!op.getKey().equals("logSoftmax")) {
                assertFinite(op.getKey() + " forward", y.toArray());
            }
            y.backward(Tensor.ones(y.shape()));
            assertFinite(op.getKey() + " gradient", x.grad().toArray());
        }
    }

    @Property(tries = 40)
    void scalarStableOpsAreFiniteAtLargeInputs(@ForAll("largeScalars") double a) {
        Map<String, Function<List<Value>, Value>> f = new LinkedHashMap<>();
        f.put("sigmoid", v -> v.get(0).sigmoid());
        f.put("softplus", v -> v.get(0).softplus());
        f.put("tanh", v -> v.get(0).tanh());
        f.put("bce with logits", v -> v.get(0).softplus().sub(v.get(0).mul(a > 0 ? 1 : 0)));
        f.put("log-sigmoid", v -> v.get(0).neg().softplus().neg());
        for (Map.Entry<String, Function<List<Value>, Value>> op : f.entrySet()) {
            Value x = Value.of(a);
            Value y = op.getValue().apply(List.of(x));
            y.backward();
            assertFinite(op.getKey() + " at " + a, new double[] {y.data(), x.grad()});
            assertFinite(op.getKey() + " second derivative at " + a, Autograd.hessian(op.getValue(), a)[0]);
        }
    }

    @Provide
    Arbitrary<Double> largeScalars() {
        return Arbitraries.oneOf(Arbitraries.of(1000.0, -1000.0, 745.2, -745.2, 710.0, -710.0),
                TensorArbitraries.values(-1000, 1000));
    }

    @Property(tries = 40)
    void varianceOfOneElementWithCorrectionZeroIsZero(@ForAll("oneElement") Tensor x) {
        Tensor all = Tensor.of(x.toArray(), x.shape());
        Tensor v = all.var(Reductions.allAxes(all), false, 0);
        assertEquals(0.0, v.item());
        v.backward();
        assertFinite("var gradient", all.grad().toArray());
        for (int axis = 0; axis < x.dim(); axis++) {
            Tensor t = Tensor.of(x.toArray(), x.shape());
            Tensor va = t.var(new int[] {axis}, true, 0);
            assertEquals(0.0, va.item());
            assertFinite("var second derivative", Autograd.hessian(u -> u.var(new int[] {0}, false, 0).sum(),
                    Tensor.of(x.toArray(), 1)).toArray());
        }
    }

    @Provide
    Arbitrary<Tensor> oneElement() {
        return TensorArbitraries.shapes(0, 3, 1).flatMap(s -> TensorArbitraries.tensors(s, -1000, 1000));
    }

    /** Ties in max/min (reductions and elementwise) share the gradient: finite, and it adds up to the seed. */
    @Property(tries = 40)
    void tiesShareTheGradientFinitely(@ForAll("tied") Tensor t) {
        for (String op : List.of("max", "min", "elementwise max", "elementwise min")) {
            Tensor x = Tensor.of(t.toArray(), t.shape());
            Tensor y = switch (op) {
                case "max" -> x.max();
                case "min" -> x.min();
                case "elementwise max" -> x.max(x.mul(1)).sum();
                default -> x.min(x.mul(1)).sum();
            };
            y.backward();
            double[] g = x.grad().toArray();
            assertFinite(op + " gradient", g);
            double expected = op.startsWith("elementwise") ? x.size() : 1;
            assertEquals(expected, Arrays.stream(g).sum(), 1e-9, op + ": gradients of a tie add up to the seed");
        }
    }

    @Provide
    Arbitrary<Tensor> tied() {
        return TensorArbitraries.shapes(1, 3, 4).flatMap(s -> TensorArbitraries.tensors(s,
                Arbitraries.of(-1000.0, 2.0, 1000.0)));
    }

    private static double[] alternating(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 2 == 0 ? 1 : -0.5;
        }
        return d;
    }

    private static void assertFinite(String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            int at = i;
            assertTrue(Double.isFinite(values[i]), () -> what + ": element " + at + " is " + values[at]
                    + " in " + Arrays.toString(values));
        }
    }
}
