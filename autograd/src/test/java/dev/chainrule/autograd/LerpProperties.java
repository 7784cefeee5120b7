package dev.chainrule.autograd;

import dev.chainrule.testkit.TensorArbitraries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code lerp(end, weight)} ({@link Lerp}): gradients in all three operands against central
 * finite differences, first and second order, on three shapes that broadcast together and
 * weights on both sides of PyTorch's 0.5 formula split; Value and Tensor agree bit for bit;
 * the endpoints are exact; bad shapes and null operands are refused naming the op.
 */
class LerpProperties {

    /** start, end and weight tensors of shapes that broadcast together (the weight between -1 and 2). */
    record Triple(Tensor start, Tensor end, Tensor weight) {
        @Override
        public String toString() {
            return "lerp(" + start + ", " + end + ", " + weight + ")";
        }
    }

    @Provide
    Arbitrary<Triple> triples() {
        return TensorArbitraries.shapes(0, 3, 3).flatMap(base -> Programs.leafShape(base).list().ofSize(3))
                .flatMap(shapes -> {
                    List<Arbitrary<Tensor>> ts = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        int[] s = shapes.get(i);
                        double lo = i == 2 ? -1 : -3, hi = i == 2 ? 2 : 3;
                        ts.add(Arbitraries.doubles().between(lo, hi).array(double[].class)
                                .ofSize((int) ReferenceShapes.count(s)).map(d -> Tensor.of(d, s)));
                    }
                    return net.jqwik.api.Combinators.combine(ts).as(l -> new Triple(l.get(0), l.get(1), l.get(2)));
                });
    }

    @Property(tries = 60)
    void gradientsMatchFiniteDifferencesInAllThreeWithBroadcasting(@ForAll("triples") Triple t) {
        TensorTesting.checkGradientsOfAll(v -> v.get(0).lerp(v.get(1), v.get(2)), t.start(), t.end(), t.weight());
    }

    @Property(tries = 40)
    void constantWeightGradients(@ForAll("triples") Triple t, @ForAll("weights") double w) {
        TensorTesting.checkGradientsOfAll(v -> v.get(0).lerp(v.get(1), w), t.start(), t.end());
    }

    @Provide
    Arbitrary<Double> weights() {
        return Arbitraries.doubles().between(-1, 2);
    }

    @Property(tries = 100)
    void valueAndTensorAgreeBitForBitAndValueGradientsMatch(@ForAll double a, @ForAll double b,
                                                           @ForAll("weights") double w) {
        double s = a % 100, e = b % 100;
        Tensor t = Tensor.scalar(s).lerp(Tensor.scalar(e), Tensor.scalar(w));
        assertEquals(Value.of(s).lerp(Value.of(e), Value.of(w)).data(), t.item(), 0.0);
        assertEquals(Lerp.at(s, e, w), Value.of(s).lerp(Value.of(e), w).data(), 0.0);
        GradCheck.assertGradients(v -> v.get(0).lerp(v.get(1), v.get(2)), s / 10, e / 10, w);
        GradCheck.assertSecondOrder(v -> v.get(0).lerp(v.get(1), v.get(2)).square(), s / 10, e / 10, w);
    }

    @Property(tries = 100)
    void endpointsAreExact(@ForAll double a, @ForAll double b) {
        double s = a % 1e6, e = b % 1e6;
        assertEquals(s, Lerp.at(s, e, 0), 0.0);
        assertEquals(e, Lerp.at(s, e, 1), 0.0);
    }

    @Example
    void badInputsAreRefusedNamingTheOpAndShapes() {
        Tensor a = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.lerp(Tensor.zeros(3), Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("lerp:") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4]"), e.getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> a.lerp(null, 0.5)).getMessage().contains("lerp"));
        assertTrue(assertThrows(NullPointerException.class, () -> a.lerp(a, (Tensor) null)).getMessage().contains("lerp"));
        assertTrue(assertThrows(NullPointerException.class, () -> Value.of(1).lerp(null, 0.5)).getMessage()
                .contains("lerp"));
    }
}
