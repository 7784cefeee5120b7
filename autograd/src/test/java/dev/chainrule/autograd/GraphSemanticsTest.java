package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What accumulates, what is released, no-grad scopes, detach, anomaly mode, bad input. */
class GraphSemanticsTest {

    @Test
    void leavesAccumulateUntilZeroGradInteriorNodesDoNot() {
        Value x = Value.of(2);
        Value y = x.mul(x);
        Value z = y.mul(3);
        z.backward(true);
        assertEquals(12, x.grad(), 1e-12);
        assertEquals(3, y.grad(), 1e-12);
        z.backward();
        assertEquals(24, x.grad(), 1e-12, "leaves accumulate across passes");
        assertEquals(3, y.grad(), 1e-12, "interior nodes start each pass from zero");
        x.zeroGrad();
        assertEquals(0, x.grad());
    }

    @Test
    void aSecondBackwardThroughAReleasedGraphSaysWhatToDo() {
        Value x = Value.of(1);
        Value y = x.exp().mul(2);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void constantsNeverGetGradients() {
        Value c = Value.constant(3);
        Value y = c.mul(2).exp();
        assertFalse(y.requiresGrad());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("Value.of"), e.getMessage());
        Value x = Value.of(1);
        x.mul(c).backward();
        assertEquals(0, c.grad());
        assertEquals(3, x.grad(), 1e-12);
    }

    @Test
    void noGradScopeIsThreadLocalAndNests() throws Exception {
        Value x = Value.of(1);
        try (var off = GradMode.disabled()) {
            assertFalse(x.mul(2).requiresGrad());
            try (var on = GradMode.enabled()) {
                assertTrue(x.mul(2).requiresGrad());
            }
            assertFalse(x.mul(2).requiresGrad());
            boolean[] other = new boolean[1];
            Thread t = new Thread(() -> other[0] = x.mul(2).requiresGrad());
            t.start();
            t.join();
            assertTrue(other[0], "another thread is unaffected");
        }
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void detachCutsTheGraph() {
        Value x = Value.of(2);
        Value y = x.mul(x).detach().mul(x);
        y.backward();
        assertEquals(4, x.grad(), 1e-12);
    }

    @Test
    void setDataOnlyOnLeaves() {
        Value x = Value.of(1);
        x.setData(5);
        assertEquals(5, x.data());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2).setData(1));
        assertTrue(e.getMessage().contains("only leaves"), e.getMessage());
    }

    @Test
    void nullArgumentsNameTheOp() {
        Value x = Value.of(1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> x.add((Value) null));
        assertTrue(e.getMessage().contains("Value.add"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> Value.sum(java.util.Arrays.asList(x, null)));
        assertTrue(e.getMessage().contains("values[1]"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Value.dot(List.of(x), List.of(x, x)));
        assertTrue(d.getMessage().contains("same length"), d.getMessage());
    }

    @Test
    void ieee754OutsideAnomalyMode() {
        assertEquals(Double.NEGATIVE_INFINITY, Value.of(0).log().data());
        assertTrue(Double.isNaN(Value.of(-1).sqrt().data()));
    }

    @Test
    void anomalyModeNamesTheForwardOpAndWhereItWasMade() {
        Value x = Value.of(-1);
        try (var scope = Anomaly.detect()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.log());
            assertTrue(e.getMessage().contains("'log'"), e.getMessage());
            assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
            assertTrue(e.getMessage().contains("GraphSemanticsTest"), e.getMessage());
        }
        assertTrue(Double.isNaN(x.log().data()), "the scope is closed again");
    }

    @Test
    void anomalyModeCatchesAnInfiniteBackward() {
        Value x = Value.of(0);
        try (var scope = Anomaly.detect()) {
            Value y = x.sqrt();
            ArithmeticException e = assertThrows(ArithmeticException.class, y::backward);
            assertTrue(e.getMessage().contains("sqrt"), e.getMessage());
        }
    }

    @Test
    void labelsAndToString() {
        Value x = Value.of(2).label("x");
        assertEquals("x", x.label());
        assertTrue(x.toString().contains("x"));
        assertTrue(x.leaf());
        assertNull(x.mul(1).label());
        assertEquals("*", x.mul(x).op());
    }

    @Test
    void autogradGradLeavesGradFieldsAloneAndReturnsZeroForUnusedInputs() {
        Value x = Value.of(3), unused = Value.of(1);
        Value y = x.pow(3);
        List<Value> g = Autograd.grad(y, List.of(x, unused), true);
        assertEquals(27, g.get(0).data(), 1e-12);
        assertEquals(0, g.get(1).data());
        assertEquals(0, x.grad(), "functional gradients do not accumulate into leaves");
        assertEquals(18, Autograd.grad(g.get(0), List.of(x), false).get(0).data(), 1e-12);
    }

    @Test
    void hessianAndHessianVectorProduct() {
        // f = x0^2 x1 + sin(x1): H = [[2 x1, 2 x0], [2 x0, -sin x1]]
        double[] p = {0.7, -0.4};
        double[][] h = Autograd.hessian(v -> v.get(0).pow(2).mul(v.get(1)).add(v.get(1).sin()), p);
        assertEquals(2 * p[1], h[0][0], 1e-12);
        assertEquals(2 * p[0], h[0][1], 1e-12);
        assertEquals(2 * p[0], h[1][0], 1e-12);
        assertEquals(-Math.sin(p[1]), h[1][1], 1e-12);
        double[] hv = Autograd.hvp(v -> v.get(0).pow(2).mul(v.get(1)).add(v.get(1).sin()), p, new double[] {1, 2});
        assertEquals(h[0][0] + 2 * h[0][1], hv[0], 1e-12);
        assertEquals(h[1][0] + 2 * h[1][1], hv[1], 1e-12);
    }

    @Test
    void changingALeafBetweenForwardAndBackwardIsRefused() {
        Value w = Value.of(2), x = Value.constant(3);
        Value y = w.mul(x).tanh();
        w.setData(5);                                   // e.g. an optimizer step on a stale graph
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("changed in place") && e.getMessage().contains("forward pass again"),
                e.getMessage());
        Value again = w.mul(x).tanh();                  // recomputing the forward pass is fine
        again.backward();
        double t = Math.tanh(15);
        assertEquals((1 - t * t) * 3, w.grad(), 1e-12);
    }
}
