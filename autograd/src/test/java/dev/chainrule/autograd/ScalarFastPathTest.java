package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * The scalar engine's fast paths: ops with a constant operand kept in the node (no constant
 * leaf), the cached grad/anomaly flags, and the array-based ordering. Each must behave exactly
 * as the general path it replaces.
 */
class ScalarFastPathTest {

    /** The four constant-operand forms, each paired with the same op on a constant leaf. */
    private static final List<BiFunction<Value, Double, Value>> CONST_FORMS = List.of(
            Value::add, Value::sub, Value::mul, Value::div);
    private static final List<BiFunction<Value, Value, Value>> LEAF_FORMS = List.of(
            Value::add, Value::sub, Value::mul, Value::div);

    @Property(tries = 50)
    void constantOperandGradientsMatchFiniteDifferences(@ForAll @DoubleRange(min = -3, max = 3) double x,
                                                        @ForAll @DoubleRange(min = -3, max = 3) double c) {
        Assume.that(Math.abs(c) > 1e-2);
        for (BiFunction<Value, Double, Value> form : CONST_FORMS) {
            // composed with sin so the second derivative is not trivially zero
            GradCheck.assertGradients(v -> form.apply(v.get(0).sin(), c), x);
            GradCheck.assertSecondOrder(v -> form.apply(v.get(0).sin(), c), x);
        }
    }

    @Property(tries = 50)
    void constantOperandFormEqualsConstantLeafForm(@ForAll @DoubleRange(min = -5, max = 5) double x,
                                                   @ForAll @DoubleRange(min = -5, max = 5) double c) {
        Assume.that(c != 0);
        for (int k = 0; k < CONST_FORMS.size(); k++) {
            Value a = Value.of(x);
            Value fast = CONST_FORMS.get(k).apply(a, c).tanh();
            fast.backward();
            Value b = Value.of(x);
            Value general = LEAF_FORMS.get(k).apply(b, Value.constant(c)).tanh();
            general.backward();
            assertEquals(general.data(), fast.data(), 0.0, "forward of form " + k);
            assertEquals(b.grad(), a.grad(), 0.0, "gradient of form " + k);
        }
    }

    @Test
    void constantOperandNodeHasOneInputAndNamesTheConstant() {
        Value x = Value.of(2);
        Value y = x.mul(0.5);
        assertEquals(List.of(x), y.inputs());
        assertEquals("*", y.op());
        assertTrue(y.toString().contains("* 0.5"), y.toString());
        assertFalse(Value.constant(2).mul(3).requiresGrad());
    }

    @Test
    void gradModeOfAnotherThreadDoesNotLeakIntoThisOne() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean otherSawDisabled = new AtomicBoolean();
        Thread other = new Thread(() -> {
            try (var off = GradMode.disabled()) {
                otherSawDisabled.set(!GradMode.isEnabled() && !Value.of(1).mul(2).requiresGrad());
                opened.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        opened.await();
        try {
            assertTrue(GradMode.isEnabled());
            assertTrue(Value.of(1).mul(2).requiresGrad());
            try (var off = GradMode.disabled()) {
                assertFalse(Value.of(1).mul(2).requiresGrad());
            }
            assertTrue(GradMode.isEnabled());
        } finally {
            done.countDown();
            other.join();
        }
        assertTrue(otherSawDisabled.get());
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void scopesClosedOutOfOrderAreRefusedAndChangeNothing() {
        // closing `off` first used to restore "enabled", and closing `on` then restored the
        // "disabled" it saw when opened: recording stayed off with every scope closed
        var off = GradMode.disabled();
        var on = GradMode.enabled();
        IllegalStateException e = assertThrows(IllegalStateException.class, off::close);
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        assertTrue(GradMode.isEnabled()); // unchanged: still inside `on`
        on.close();
        assertFalse(GradMode.isEnabled()); // back inside `off`
        off.close();
        assertTrue(GradMode.isEnabled()); // the default again, for the other tests on this thread
    }

    @Test
    void anomalyModeStillCatchesAConstantOperandOp() {
        try (var detect = Anomaly.detect()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> Value.of(0).div(0.0));
            assertTrue(e.getMessage().contains("'/'"), e.getMessage());
            Value x = Value.of(0);
            Value y = x.sqrt().mul(2.0);
            ArithmeticException b = assertThrows(ArithmeticException.class, y::backward);
            assertTrue(b.getMessage().contains("sqrt"), b.getMessage());
        }
        assertTrue(Double.isNaN(Value.of(0).div(0.0).data()));
    }

    @Test
    void secondPassThroughAReleasedChainThrows() {
        Value x = Value.of(0.3);
        Value y = x.mul(3.0).add(1.0).tanh();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        Value z = x.mul(2.0);
        z.backward(true);
        z.backward();
        assertEquals(4 + (1 - Math.pow(Math.tanh(1.9), 2)) * 3, x.grad(), 1e-12);
    }

    @Test
    void longChainGradientIsTheProductOfItsLocalDerivatives() {
        // the benchmark's op cycle, checked against the same product computed with plain doubles
        int n = 30_000;
        Value x0 = Value.of(0.5);
        Value x = x0;
        double v = 0.5;
        double[] partial = new double[n];
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0: x = x.mul(1.0001); v *= 1.0001; partial[i] = 1.0001; break;
                case 1: x = x.add(0.0001); v += 0.0001; partial[i] = 1; break;
                default: x = x.tanh(); v = Math.tanh(v); partial[i] = 1 - v * v; break;
            }
        }
        x.backward();
        double expected = 1;
        for (int i = n - 1; i >= 0; i--) {
            expected *= partial[i];
        }
        assertEquals(v, x.data(), 0.0);
        assertEquals(expected, x0.grad(), Math.abs(expected) * 1e-12);
        assertTrue(expected > 0, "the chain must not underflow to a trivially zero gradient");
    }

    @Test
    void millionNodeChainRunsOnTheDefaultStack() {
        Value x0 = Value.of(0.5);
        Value x = x0;
        for (int i = 0; i < 1_000_000; i++) {
            x = i % 3 == 0 ? x.mul(1.0000001) : i % 3 == 1 ? x.add(0.1) : x.sin();
        }
        x.backward();
        // the gradient underflows to 0 along the way (|d sin| < 1); what matters is no StackOverflowError
        assertTrue(Double.isFinite(x0.grad()), "grad " + x0.grad());
        assertThrows(IllegalStateException.class, x::backward);
    }
}
