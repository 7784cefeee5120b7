package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The differentiation rules of the lecture notes, each checked against its closed form. */
class LectureRulesTest {
    private static final double EPS = 1e-12;

    private static double derivative(java.util.function.UnaryOperator<Value> f, double at) {
        Value x = Value.of(at);
        f.apply(x).backward();
        return x.grad();
    }

    @Test
    void constantRule() {
        assertEquals(0, derivative(x -> x.mul(0).add(7), 3), EPS);
        assertEquals(0, Autograd.gradient(v -> Value.constant(5), 2.0)[0], EPS);
    }

    @Test
    void powerRule() {
        assertEquals(4 * Math.pow(1.5, 3), derivative(x -> x.pow(4), 1.5), EPS);
        assertEquals(-0.5 * Math.pow(2.0, -1.5), derivative(x -> x.pow(-0.5), 2.0), EPS);
    }

    @Test
    void constantMultipleRule() {
        assertEquals(3 * 2 * 1.25, derivative(x -> x.pow(2).mul(3), 1.25), EPS);
    }

    @Test
    void sumRule() {
        assertEquals(2 * 0.7 + Math.cos(0.7), derivative(x -> x.pow(2).add(x.sin()), 0.7), EPS);
    }

    @Test
    void productRule() {
        double x = 0.9;
        assertEquals(2 * x * Math.exp(x) + x * x * Math.exp(x), derivative(v -> v.pow(2).mul(v.exp()), x), EPS);
    }

    @Test
    void quotientRule() {
        double x = 1.3;
        double expected = (Math.cos(x) * (x * x + 1) - Math.sin(x) * 2 * x) / Math.pow(x * x + 1, 2);
        assertEquals(expected, derivative(v -> v.sin().div(v.pow(2).add(1)), x), EPS);
    }

    @Test
    void chainRule() {
        double x = 0.4;
        double inner = 3 * x * x + 1;
        assertEquals(Math.cos(inner) * 6 * x, derivative(v -> v.pow(2).mul(3).add(1).sin(), x), EPS);
        double t = Math.tanh(Math.exp(x));
        assertEquals((1 - t * t) * Math.exp(x), derivative(v -> v.exp().tanh(), x), EPS);
    }

    @Test
    void sigmoidTableOfTheNotes() {
        double[][] table = {{0, 0.5, 0.25}, {2, 0.8808, 0.1050}, {-1.5, 0.1824, 0.1491}};
        for (double[] row : table) {
            Value x = Value.of(row[0]);
            Value s = x.sigmoid();
            s.backward();
            assertEquals(row[1], s.data(), 1e-4, "sigma(" + row[0] + ")");
            assertEquals(row[2], x.grad(), 1e-4, "sigma'(" + row[0] + ")");
            double exact = 1 / (1 + Math.exp(-row[0]));
            assertEquals(exact, s.data(), EPS);
            assertEquals(exact * (1 - exact), x.grad(), EPS);
        }
    }

    @Test
    void aNodeUsedTwiceGetsTheSumOfBothPaths() {
        Value x = Value.of(3);
        Value y = x.mul(x).add(x);      // x appears three times
        y.backward();
        assertEquals(2 * 3 + 1, x.grad(), EPS);
    }

    @Test
    void sumAndDotAreSingleNodes() {
        List<Value> x = Value.listOf(1, 2, 3);
        List<Value> w = Value.listOf(0.5, -1, 2);
        Value d = Value.dot(x, w);
        assertEquals(4.5, d.data(), EPS);
        assertEquals(6, d.inputs().size());
        d.backward();
        assertEquals(0.5, x.get(0).grad(), EPS);
        assertEquals(3, w.get(2).grad(), EPS);
        Value s = Value.sum(x);
        assertEquals(3, s.inputs().size());
        assertEquals(6, s.data(), EPS);
    }
}
