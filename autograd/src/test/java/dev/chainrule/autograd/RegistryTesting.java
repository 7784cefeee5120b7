package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.shapes;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test data drawn from the op registry's specs ({@link ElementwiseOps}, {@link TestSpec}):
 * registry lookups by name, and random cases (op, parameters, tensors inside the op's domain,
 * away from its kinks) with a readable {@code toString}, so a failure names the op.
 */
final class RegistryTesting {
    /** Finite differences with step ~1e-6 need this much room around a kink. */
    static final double MARGIN = 1e-3;

    private RegistryTesting() {
    }

    static UnaryOp unary(String name) {
        return ElementwiseOps.UNARY.stream().filter(o -> o.name.equals(name)).findFirst().orElse(null);
    }

    static BinaryOp binary(String name) {
        return ElementwiseOps.BINARY.stream().filter(o -> o.name.equals(name)).findFirst().orElse(null);
    }

    /** The spec of the op called {@code name}. */
    static TestSpec spec(String name) {
        UnaryOp u = unary(name);
        if (u != null) {
            return u.spec;
        }
        BinaryOp b = binary(name);
        if (b == null) {
            throw new AssertionError("no registry op named " + name);
        }
        return b.spec;
    }

    /** A unary op with one of its test parameter sets and an input tensor. */
    record UnaryCase(UnaryOp op, double[] p, Tensor x) {
        @Override
        public String toString() {
            return op.name + Arrays.toString(p) + " at " + Arrays.toString(x.shape()) + " " + Arrays.toString(x.toArray());
        }
    }

    /** A binary op and a broadcasting pair of inputs. */
    record BinaryCase(BinaryOp op, Tensor a, Tensor b) {
        @Override
        public String toString() {
            return op.name + " of " + Arrays.toString(a.shape()) + " " + Arrays.toString(a.toArray()) + " and "
                    + Arrays.toString(b.shape()) + " " + Arrays.toString(b.toArray());
        }
    }

    /** True when {@code x} is at least {@link #MARGIN} from every kink. */
    static boolean awayFromKinks(double x, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(x - k) < MARGIN) {
                return false;
            }
        }
        return true;
    }

    /** A number in the spec's interval, away from its kinks. */
    static Arbitrary<Double> element(TestSpec spec) {
        return Arbitraries.doubles().between(spec.lo(), spec.hi()).filter(x -> awayFromKinks(x, spec.kinks()));
    }

    static Arbitrary<UnaryCase> unaryCases() {
        return Arbitraries.of(ElementwiseOps.UNARY).flatMap(op -> Combinators.combine(
                Arbitraries.of(op.spec.paramSets()), shapes(0, 3, 3).flatMap(shape ->
                        element(op.spec).list().ofSize(TensorTesting.size(shape))
                                .map(xs -> Tensor.of(toArray(xs), shape))))
                .as((p, x) -> new UnaryCase(op, p, x)));
    }

    static Arbitrary<BinaryCase> binaryCases() {
        return Arbitraries.of(ElementwiseOps.BINARY).flatMap(op -> TensorArbitraries.broadcastTensorPairs(
                        element(op.spec), element(op.spec))
                .filter(pair -> awayFromKinksPairwise(pair.a(), pair.b(), op.spec.kinks()))
                .map(pair -> new BinaryCase(op, pair.a(), pair.b())));
    }

    /** For binary ops kinks are values of a - b: every broadcast pair of elements keeps its distance. */
    static boolean awayFromKinksPairwise(Tensor a, Tensor b, double[] kinks) {
        if (kinks.length == 0) {
            return true;
        }
        Tensor d = a.sub(b);
        for (double v : d.toArray()) {
            if (!awayFromKinks(v, kinks)) {
                return false;
            }
        }
        return true;
    }

    /** One input per op and parameter set, from a fixed seed: every op is checked on every run. */
    static List<UnaryCase> everyUnaryCase(long seed) {
        Random rng = new Random(seed);
        List<UnaryCase> cases = new ArrayList<>();
        for (UnaryOp op : ElementwiseOps.UNARY) {
            for (double[] p : op.spec.paramSets()) {
                double[] xs = new double[6];
                for (int i = 0; i < xs.length; i++) {
                    do {
                        xs[i] = op.spec.lo() + (op.spec.hi() - op.spec.lo()) * rng.nextDouble();
                    } while (!awayFromKinks(xs[i], op.spec.kinks()));
                }
                cases.add(new UnaryCase(op, p, Tensor.of(xs, 2, 3)));
            }
        }
        return cases;
    }

    private static double[] toArray(List<Double> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
