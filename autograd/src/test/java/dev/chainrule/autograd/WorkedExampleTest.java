package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of the lecture notes ({@code shared/spec/worked-example.md}): a 3-2-1
 * sigmoid network, E = ½(t − o6)², one gradient-descent step at η = 0.9, built from Values
 * (one node per weight) and matched to the exact numbers to 1e-12.
 */
class WorkedExampleTest {
    private static final double EPS = 1e-12;

    @Test
    void oneStepOfBackpropagationMatchesTheNotes() {
        double[] x = {1, 0, 1};
        double t = 1, eta = 0.9;
        Value w14 = Value.of(0.2), w24 = Value.of(0.4), w34 = Value.of(-0.5), b4 = Value.of(-0.4);
        Value w15 = Value.of(-0.3), w25 = Value.of(0.1), w35 = Value.of(0.2), b5 = Value.of(0.2);
        Value w46 = Value.of(-0.3), w56 = Value.of(-0.2), b6 = Value.of(0.1);
        List<Value> in = List.of(Value.constant(x[0]), Value.constant(x[1]), Value.constant(x[2]));

        Value net4 = Value.dot(in, List.of(w14, w24, w34)).add(b4);
        Value net5 = Value.dot(in, List.of(w15, w25, w35)).add(b5);
        Value o4 = net4.sigmoid(), o5 = net5.sigmoid();
        Value net6 = Value.dot(List.of(o4, o5), List.of(w46, w56)).add(b6);
        Value o6 = net6.sigmoid();
        Value e = Value.constant(t).sub(o6).pow(2).mul(0.5);
        e.backward();

        assertEquals(0.3318122278318339, o4.data(), EPS);
        assertEquals(0.52497918747894, o5.data(), EPS);
        assertEquals(0.47388889882398544, o6.data(), EPS);
        // delta = -dE/dnet: interior gradients stay readable after the pass
        assertEquals(0.1311690782143445, -net6.grad(), EPS);
        assertEquals(-0.0065420850641689935, -net5.grad(), EPS);
        assertEquals(-0.008724561965433263, -net4.grad(), EPS);

        List<Value> params = List.of(w14, w24, w34, b4, w15, w25, w35, b5, w46, w56, b6);
        double[] expected = {0.19214789423111006, 0.4, -0.50785210576889, -0.40785210576888997,
            -0.30588787655775207, 0.1, 0.19411212344224793, 0.19411212344224793,
            -0.26082884634154524, -0.13802506750700472, 0.21805217039291008};
        for (int i = 0; i < params.size(); i++) {
            Value p = params.get(i);
            p.setData(p.data() - eta * p.grad());
            assertEquals(expected[i], p.data(), EPS, "weight " + i);
        }
        Value o4b = Value.dot(in, List.of(w14, w24, w34)).add(b4).sigmoid();
        Value o5b = Value.dot(in, List.of(w15, w25, w35)).add(b5).sigmoid();
        Value o6b = Value.dot(List.of(o4b, o5b), List.of(w46, w56)).add(b6).sigmoid();
        assertEquals(0.515247950984996, o6b.data(), EPS);
    }
}
