package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Under {@link Anomaly#detect()} a NaN or infinity made by a node's backward is reported as
 * the backward of that node's op, with the line that created it, on the fast path
 * ({@code backward()}) and on the graph path ({@link Autograd#grad}, with and without
 * {@code createGraph}), for tensors and scalars. The tensor ops a rule is written with
 * (sqrt's {@code g / out}, pow's {@code a^(b-1)}) are not reported as forwards of their own,
 * and a non-finite step of a rule whose gradient nobody wants is no anomaly.
 */
class AnomalyBackwardTest {
    /** The three ways to run backward from a scalar tensor to the leaf x. */
    private static List<Consumer<Tensor[]>> passes() {
        return List.of(
                xy -> xy[1].backward(),
                xy -> Autograd.grad(xy[1], List.of(xy[0]), false),
                xy -> Autograd.grad(xy[1], List.of(xy[0]), true));
    }

    private static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    private static void assertBackwardAnomaly(String op, int line, Runnable pass) {
        ArithmeticException e = assertThrows(ArithmeticException.class, pass::run);
        String m = e.getMessage();
        assertTrue(m.startsWith("anomaly: backward of '" + op + "'"), m);
        assertTrue(m.contains("(created at dev.chainrule.autograd.AnomalyBackwardTest"), m);
        assertTrue(m.contains("AnomalyBackwardTest.java:" + line + ")"), "line " + line + ": " + m);
    }

    @Test
    void sqrtAtZeroIsTheBackwardOfSqrtNotTheForwardOfDiv() {
        for (Consumer<Tensor[]> pass : passes()) {
            try (var detect = Anomaly.detect()) {
                Tensor x = Tensor.of(new double[] {0, 4}, 2);
                Tensor s = x.sqrt(); int line = line();
                Tensor y = s.mul(3).sum();
                assertArrayEquals(new double[] {0, 2}, s.toArray(), "the forward is finite");
                assertBackwardAnomaly("sqrt", line, () -> pass.accept(new Tensor[] {x, y}));
            }
        }
    }

    @Test
    void powAtZeroIsTheBackwardOfPowThoughItsForwardWasFinite() {
        for (Consumer<Tensor[]> pass : passes()) {
            try (var detect = Anomaly.detect()) {
                Tensor x = Tensor.of(new double[] {0, 1}, 2);
                Tensor p = x.pow(Tensor.scalar(0.5)); int line = line();
                Tensor y = p.sum();
                assertBackwardAnomaly("pow", line, () -> pass.accept(new Tensor[] {x, y}));
            }
            try (var detect = Anomaly.detect()) {
                Tensor x = Tensor.of(new double[] {0, 1}, 2);
                Tensor p = x.pow(0.5); int line = line();
                Tensor y = p.sum();
                assertBackwardAnomaly("pow", line, () -> pass.accept(new Tensor[] {x, y}));
            }
        }
    }

    @Test
    void aRuleStepNobodyNeedsIsNoAnomaly() {
        // pow's rule also forms the exponent's gradient, out·log(base), NaN at a negative base;
        // the exponent is a constant here, so its gradient is never used and nothing is wrong
        for (Consumer<Tensor[]> pass : passes()) {
            try (var detect = Anomaly.detect()) {
                Tensor x = Tensor.of(new double[] {-2, 3}, 2);
                Tensor y = x.pow(Tensor.scalar(2)).sum();
                pass.accept(new Tensor[] {x, y});
            }
        }
        try (var detect = Anomaly.detect()) {
            Tensor x = Tensor.of(new double[] {-2, 3}, 2);
            x.pow(Tensor.scalar(2)).sum().backward();
            assertArrayEquals(new double[] {-4, 6}, x.grad().toArray());
        }
    }

    @Test
    void aForwardAnomalyNamesTheForwardOpAndItsLine() {
        try (var detect = Anomaly.detect()) {
            Tensor x = Tensor.of(new double[] {0, 1}, 2);
            int line = line(); ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.log());
            assertTrue(e.getMessage().startsWith("anomaly: forward of 'log'"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyBackwardTest.java:" + line + ")"), e.getMessage());
        }
    }

    @Test
    void aHookStillHasItsForwardsChecked() {
        // hooks are user code run between rules: their own ops are forwards again
        try (var detect = Anomaly.detect()) {
            Tensor x = Tensor.of(new double[] {1, 2}, 2);
            Tensor h = x.mul(2);
            h.registerHook(g -> g.div(Tensor.scalar(0)));
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> h.sum().backward());
            assertTrue(e.getMessage().startsWith("anomaly: forward of 'div'"), e.getMessage());
        }
    }

    @Test
    void scalarsNameTheBackwardOpOnBothPaths() {
        try (var detect = Anomaly.detect()) {
            Value x = Value.of(0);
            Value s = x.sqrt(); int line = line();
            Value y = s.mul(3);
            assertBackwardAnomaly("sqrt", line, y::backward);
        }
        for (boolean createGraph : new boolean[] {false, true}) {
            try (var detect = Anomaly.detect()) {
                Value x = Value.of(0);
                Value s = x.sqrt(); int line = line();
                Value y = s.mul(3);
                assertBackwardAnomaly("sqrt", line, () -> Autograd.grad(y, List.of(x), createGraph));
            }
            try (var detect = Anomaly.detect()) {
                Value x = Value.of(0);
                Value p = x.pow(0.5); int line = line();
                assertBackwardAnomaly("pow", line, () -> Autograd.grad(p, List.of(x), createGraph));
            }
        }
    }

    @Test
    void outsideTheScopeNothingIsChecked() {
        Tensor x = Tensor.of(new double[] {0, 4}, 2);
        x.sqrt().sum().backward();
        assertEquals(Double.POSITIVE_INFINITY, x.grad().toArray()[0]);
        assertEquals(0.25, x.grad().toArray()[1]);
    }
}
