package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** No recursion over the graph: a chain of a million nodes runs on the default thread stack. */
class DeepGraphTest {

    @Test
    void millionNodeChainForwardAndBackward() {
        Value x = Value.of(0.5);
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.mul(1.0000001);
        }
        y.backward();
        assertEquals(Math.pow(1.0000001, 1_000_000), x.grad(), 1e-9);
    }

    @Test
    void deepSecondOrderGraph() {
        Value x = Value.of(0.3);
        Value y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(x.mul(1e-6));
        }
        Value g = Autograd.grad(y.mul(y), java.util.List.of(x), true).get(0);
        double n = 1 + 100_000 * 1e-6;
        assertEquals(2 * n * n * 0.3, g.data(), 1e-9);
        assertEquals(2 * n * n, Autograd.grad(g, java.util.List.of(x), false).get(0).data(), 1e-9);
    }
}
