package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The bad-input standard for the scalar engine and its functional gradients: null operands,
 * null list entries, lists of unequal length, backward from constants or through released
 * graphs, in-place updates of computed nodes — each a clean exception naming the op (see
 * {@link BadInputs}); valid calls succeed.
 */
class ValueBadInputProperties {

    private static final Map<String, BiFunction<Value, Value, Value>> BINARY = new LinkedHashMap<>();

    static {
        BINARY.put("Value.add", Value::add);
        BINARY.put("Value.sub", Value::sub);
        BINARY.put("Value.mul", Value::mul);
        BINARY.put("Value.div", Value::div);
        BINARY.put("Value.pow", Value::pow);
        BINARY.put("Value.max", Value::max);
        BINARY.put("Value.min", Value::min);
    }

    @Example
    void binaryOpsNameANullOperand() {
        Value x = Value.of(2);
        for (Map.Entry<String, BiFunction<Value, Value, Value>> op : BINARY.entrySet()) {
            refused(op.getKey(), () -> op.getValue().apply(x, null));
        }
    }

    /** Lists of values, some entries null, as ArrayList or LinkedList (dot converts the latter). */
    @Provide
    Arbitrary<List<Value>> valueLists() {
        Arbitrary<Value> entry = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.doubles().between(-3, 3).map(Value::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Value) null)));
        return Arbitraries.oneOf(entry.list().ofMaxSize(5).map(ArrayList::new),
                entry.list().ofMaxSize(5).map(LinkedList::new));
    }

    @Property(tries = 100)
    void dotAndSumRefuseNullsAndUnequalLengths(@ForAll("valueLists") List<Value> x, @ForAll("valueLists") List<Value> w) {
        boolean xNull = x.contains(null), wNull = w.contains(null);
        if (x.size() != w.size() || xNull || wNull) {
            refused("Value.dot", () -> Value.dot(x, w));
        } else {
            Value d = Value.dot(x, w);
            double expected = 0;
            for (int i = 0; i < x.size(); i++) {
                expected += x.get(i).data() * w.get(i).data();
            }
            assertEquals(expected, d.data(), 1e-12);
        }
        if (xNull) {
            refused("Value.sum", () -> Value.sum(x));
        } else {
            assertEquals(x.stream().mapToDouble(Value::data).sum(), Value.sum(x).data(), 1e-12);
        }
    }

    @Example
    void nullListsAreNamed() {
        List<Value> two = Value.listOf(1, 2);
        refused("Value.dot", () -> Value.dot(null, two));
        refused("Value.dot", () -> Value.dot(two, null));
        refused("Value.sum", () -> Value.sum(null));
        refused("Value.listOf", () -> Value.listOf((double[]) null));
        refused("Autograd.grad", () -> Autograd.grad(null, two, false));
        refused("Autograd.grad", () -> Autograd.grad(two.get(0).mul(2), null, false));
        refused("Autograd.grad", () -> Autograd.grad(two.get(0).mul(2), Arrays.asList(two.get(0), null), false));
        Function<List<Value>, Value> f = v -> v.get(0).mul(v.get(0));
        refused("Autograd.hessian", () -> Autograd.hessian(null, 1.0));
        refused("Autograd.hessian", () -> Autograd.hessian(f, (double[]) null));
        refused("Autograd.hessian", () -> Autograd.hessian(v -> null, 1.0));
        refused("Autograd.gradient", () -> Autograd.gradient(null, 1.0));
        refused("Autograd.gradient", () -> Autograd.gradient(f, (double[]) null));
        refused("Autograd.gradient", () -> Autograd.gradient(v -> null, 1.0));
        refused("Autograd.hvp", () -> Autograd.hvp(null, new double[] {1}, new double[] {1}));
        refused("Autograd.hvp", () -> Autograd.hvp(f, null, new double[] {1}));
        refused("Autograd.hvp", () -> Autograd.hvp(f, new double[] {1}, null));
    }

    @Property(tries = 40)
    void hvpRefusesVectorsOfAnotherLength(@ForAll @IntRange(max = 4) int n, @ForAll @IntRange(max = 4) int m) {
        Function<List<Value>, Value> f = v -> Value.dot(v, v);
        if (n == m) {
            double[] out = Autograd.hvp(f, new double[n], ones(m));
            for (double d : out) {
                assertEquals(2.0, d, 1e-12); // the Hessian of x·x is 2I
            }
        } else {
            refused("Autograd.hvp", () -> Autograd.hvp(f, new double[n], ones(m)));
        }
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        Arrays.fill(d, 1);
        return d;
    }

    /**
     * A constant function (no Value.of input reaches the output) is valid input: its
     * gradient, Hessian and Hessian-vector products are zero, as for the tensor transforms.
     */
    @Property(tries = 20)
    void constantFunctionsHaveZeroDerivatives(@ForAll @IntRange(max = 3) int n, @ForAll boolean empty) {
        Function<List<Value>, Value> f = empty ? v -> Value.dot(v.subList(0, 0), v.subList(0, 0))
                : v -> Value.constant(3).mul(2);
        double[] x = new double[n];
        assertEquals(Arrays.toString(new double[n]), Arrays.toString(Autograd.gradient(f, x)));
        assertEquals(Arrays.deepToString(new double[n][n]), Arrays.deepToString(Autograd.hessian(f, x)));
        assertEquals(Arrays.toString(new double[n]), Arrays.toString(Autograd.hvp(f, x, ones(n))));
    }

    /**
     * The functional transforms build their own graph: an enclosing no-grad scope must not
     * turn them into zeros (a silent wrong answer); the tensor transforms already do this.
     */
    @Property(tries = 20)
    void transformsIgnoreAnEnclosingNoGradScope(@ForAll @IntRange(min = 1, max = 3) int n) {
        Function<List<Value>, Value> f = v -> Value.dot(v, v).mul(v.get(0));
        double[] x = new double[n];
        Arrays.fill(x, 1.5);
        double[] g = Autograd.gradient(f, x);
        double[][] h = Autograd.hessian(f, x);
        double[] hv = Autograd.hvp(f, x, ones(n));
        try (var off = GradMode.disabled()) {
            assertEquals(Arrays.toString(g), Arrays.toString(Autograd.gradient(f, x)));
            assertEquals(Arrays.deepToString(h), Arrays.deepToString(Autograd.hessian(f, x)));
            assertEquals(Arrays.toString(hv), Arrays.toString(Autograd.hvp(f, x, ones(n))));
            assertEquals(false, GradMode.isEnabled()); // and the scope is restored afterwards
        }
    }

    /** A random chain of ops from one leaf, some of them computed only from constants. */
    @Property(tries = 60)
    void backwardNeedsAGraphAndRefusesAReleasedOne(@ForAll @IntRange(min = 1, max = 6) int depth,
            @ForAll boolean fromConstant, @ForAll boolean noGrad) {
        Value x = fromConstant ? Value.constant(0.5) : Value.of(0.5);
        Value y;
        try (var mode = noGrad ? GradMode.disabled() : GradMode.enabled()) {
            y = x;
            for (int i = 0; i < depth; i++) {
                y = i % 2 == 0 ? y.mul(1.5).tanh() : y.add(x).sigmoid();
            }
        }
        Value out = y;
        if (fromConstant || noGrad) {
            refused("backward", () -> {
                out.backward();
                return null;
            });
            refused("Autograd.grad", () -> Autograd.grad(out, List.of(x), false));
            return;
        }
        out.backward(true);
        double first = x.grad();
        out.backward();
        assertEquals(2 * first, x.grad(), 1e-12); // a leaf accumulates over passes
        refused("backward", () -> {
            out.backward(); // the second pass released the graph
            return null;
        });
        refused("backward", () -> Autograd.grad(out, List.of(x), false));
        refused("setData", () -> {
            out.setData(1);
            return null;
        });
        refused("setGrad", () -> out.setGrad(1));
    }
}
