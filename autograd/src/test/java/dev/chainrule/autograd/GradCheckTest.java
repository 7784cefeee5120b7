package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gradient checker itself: it passes correct gradients and catches wrong ones. */
class GradCheckTest {

    @Test
    void passesACorrectGradientAndReportsEveryInput() {
        GradCheck.Report r = GradCheck.withDefaults().check(v -> v.get(0).mul(v.get(1)).tanh(), 0.3, -1.2);
        assertTrue(r.passed(), r::toString);
        assertEquals(2, r.entries().size());
        double t = Math.tanh(0.3 * -1.2);
        assertEquals((1 - t * t) * -1.2, r.entries().get(0).analytic(), 1e-12);
        assertEquals((1 - t * t) * 0.3, r.entries().get(1).numeric(), 1e-8);
        assertTrue(r.firstBadNode().isEmpty());
    }

    @Test
    void catchesAWrongGradientAndNamesTheNodeAtTheKink() {
        // relu at exactly 0: the rule says 0, finite differences say 1/2, so the check must fail
        // and blame the relu node, not the multiplication before it.
        GradCheck.Report r = GradCheck.withDefaults().check(v -> v.get(0).mul(v.get(1)).relu().mul(3), 0.0, 2.0);
        assertFalse(r.passed());
        assertTrue(r.firstBadNode().isPresent(), r::toString);
        assertEquals("relu", r.firstBadNode().get().op());
        assertTrue(r.toString().contains("FAILED"));
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void secondOrderHessianOfAProduct() {
        GradCheck.Report r = GradCheck.withDefaults().checkSecondOrder(
                v -> v.get(0).mul(v.get(0)).mul(v.get(1)).sin(), 0.4, 0.9);
        assertTrue(r.passed(), r::toString);
        assertEquals(2 + 4, r.entries().size());
    }

    @Test
    void tensorCheckProjectsNonScalarOutputs() {
        Tensor a = Tensor.constant(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.constant(new double[] {0.5, -1, 2}, 3);
        GradCheck.Report r = GradCheck.withDefaults().checkTensors(v -> v.get(0).mul(v.get(1)).add(v.get(0)), a, b);
        assertTrue(r.passed(), r::toString);
        assertEquals(9, r.entries().size());
        GradCheck.Report second = GradCheck.withDefaults().checkTensorsSecondOrder(
                v -> v.get(0).mul(v.get(1)).mul(v.get(1)), a, b);
        assertTrue(second.passed(), second::toString);
    }

    @Test
    void tensorCheckCatchesAWrongRule() {
        // an op whose rule doubles the true gradient
        Tensor a = Tensor.constant(new double[] {1, 2}, 2);
        GradCheck.Report r = GradCheck.withDefaults().checkTensors(
                v -> Tensor.make("wrong", v.get(0).toArray(), new int[] {2},
                        g -> new Tensor[] {g.mul(Tensor.scalar(2))}, v.get(0)), a);
        assertFalse(r.passed());
        assertEquals(2, r.failures().size());
    }

    @Test
    void rejectsBadSettingsAndArguments() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults().step(0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.withDefaults().tolerance(-1, 0));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> GradCheck.withDefaults().check(null, 1.0));
        assertTrue(e.getMessage().contains("GradCheck.check"));
        assertThrows(NullPointerException.class, () -> GradCheck.assertGradients(v -> null, 1.0));
    }

    @Test
    void constantFunctionHasZeroGradient() {
        assertTrue(GradCheck.withDefaults().check(v -> Value.constant(3), 1.0).passed());
        assertTrue(GradCheck.withDefaults().check(v -> v.get(0).step(), 0.5).passed());
        List<Value> unused = Value.listOf(1);
        assertEquals(0, unused.get(0).grad());
    }

    @Test
    void inputNamesLabelTheReportsOfEveryScalarCheck() {
        GradCheck named = GradCheck.withDefaults().inputNames("w", "b");
        GradCheck.Report first = named.check(v -> v.get(0).mul(v.get(1)).relu(), 0.0, 2.0);
        assertEquals(List.of("w", "b"), first.entries().stream().map(GradCheck.Entry::input).toList());
        assertTrue(first.toString().contains("worst: w "), first::toString);
        GradCheck.Report second = named.checkSecondOrder(v -> v.get(0).mul(v.get(1)).sin(), 0.3, 2.0);
        assertTrue(second.passed(), second::toString);
        assertTrue(second.entries().stream().anyMatch(e -> e.input().equals("d2f/dw db")), second::toString);
        assertTrue(second.entries().stream().anyMatch(e -> e.input().equals("df/db graph vs fast path")),
                second::toString);
        GradCheck.Report supplied = named.checkGradient(x -> x[0] * x[1], x -> new double[] {x[1], x[0]}, 1, 2);
        assertEquals(List.of("w", "b"), supplied.entries().stream().map(GradCheck.Entry::input).toList());
        // without names: x[0], x[1] as before
        assertEquals("x[1]", GradCheck.withDefaults().check(v -> v.get(0).mul(v.get(1)), 1, 2).entries().get(1).input());
    }

    @Test
    void inputNamesAreCheckedAgainstThePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.withDefaults().inputNames("x", "y").check(v -> v.get(0), 1.0));
        assertTrue(e.getMessage().contains("2 input names [x, y] for a point of 1 inputs"), e.getMessage());
        for (String[] bad : new String[][] {{"x", "x"}, {"x", " "}, {"x", null}}) {
            IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                    () -> GradCheck.withDefaults().inputNames(bad));
            assertTrue(b.getMessage().startsWith("GradCheck.inputNames: names must be distinct and non-blank"),
                    b.getMessage());
        }
    }
}
