package dev.chainrule.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.Value;
import dev.chainrule.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient clipping by norm (2, 1, 3, infinity) and by value, on tensor and Value parameters. */
class GradientsTest {
    static Tensor withGrad(double... g) {
        Tensor t = Tensor.of(new double[g.length], g.length);
        t.mul(Tensor.constant(g, g.length)).sum().backward();
        return t;
    }

    @Test
    void clipsByEuclideanNormAcrossParameters() {
        Tensor a = withGrad(3, 0);
        List<Value> vs = Value.listOf(0, 0);
        Value.dot(vs, List.of(Value.constant(0), Value.constant(4))).backward();
        List<Parameter> ps = List.of(Parameter.of(a), Parameter.of(vs));
        double total = Gradients.clipGradNorm(ps, 1.0, 2);
        assertEquals(5, total, 1e-15);
        double coef = 1.0 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * coef, 0}, a.grad().toArray(), 1e-15);
        assertEquals(4 * coef, vs.get(1).grad(), 1e-15);
        assertEquals(0, vs.get(0).grad(), 0);
    }

    @Test
    void belowTheLimitNothingChanges() {
        Tensor a = withGrad(0.3, -0.4);
        assertEquals(0.5, Gradients.clipGradNorm(List.of(Parameter.of(a)), 1.0), 1e-15);
        assertArrayEquals(new double[] {0.3, -0.4}, a.grad().toArray(), 0);
    }

    @Test
    void otherNorms() {
        Tensor a = withGrad(1, -2, 2);
        assertEquals(2, Gradients.clipGradNorm(List.of(Parameter.of(a)), 1, Double.POSITIVE_INFINITY), 0);
        double c = 1 / (2 + 1e-6);
        assertArrayEquals(new double[] {c, -2 * c, 2 * c}, a.grad().toArray(), 1e-15);
        Tensor b = withGrad(1, -2, 2);
        assertEquals(5, Gradients.totalNorm(List.of(Parameter.of(b)), 1), 1e-15);
        assertEquals(Math.cbrt(17), Gradients.totalNorm(List.of(Parameter.of(b)), 3), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> Gradients.clipGradNorm(List.of(Parameter.of(b)), 1, 0));
    }

    @Test
    void parametersWithoutGradientAreIgnored() {
        Tensor none = Tensor.of(new double[] {1}, 1);
        Tensor a = withGrad(3, 4);
        assertEquals(5, Gradients.clipGradNorm(List.of(Parameter.of(none), Parameter.of(a)), 10), 1e-15);
    }

    @Test
    void clipsByValue() {
        Tensor a = withGrad(-3, 0.5, 2);
        Gradients.clipGradValue(List.of(Parameter.of(a)), 1);
        assertArrayEquals(new double[] {-1, 0.5, 1}, a.grad().toArray(), 0);
    }
}
