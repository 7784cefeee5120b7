package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of shared/spec/worked-example.md, reproduced by the engine to 1e-12. */
class WorkedExampleTest {
    private static final double TOL = 1e-12;

    /** The spec's exact column, copied here so the test does not read numbers from the code under test. */
    private static final Map<String, Double> SPEC_UPDATED = Map.ofEntries(
            Map.entry("w14", 0.19214789423111006), Map.entry("w24", 0.4), Map.entry("w34", -0.50785210576889),
            Map.entry("b4", -0.40785210576888997), Map.entry("w15", -0.30588787655775207), Map.entry("w25", 0.1),
            Map.entry("w35", 0.19411212344224793), Map.entry("b5", 0.19411212344224793),
            Map.entry("w46", -0.26082884634154524), Map.entry("w56", -0.13802506750700472),
            Map.entry("b6", 0.21805217039291008));

    @Test
    void forwardValuesMatchTheSpec() {
        WorkedExample.Result r = WorkedExample.compute();
        assertEquals(0.3318122278318339, r.forward().get("o4"), TOL);
        assertEquals(0.52497918747894, r.forward().get("o5"), TOL);
        assertEquals(0.47388889882398544, r.forward().get("o6"), TOL);
        // and the hand-rounded column to its own precision
        assertEquals(0.332, r.forward().get("o4"), 1e-3);
        assertEquals(0.474, r.forward().get("o6"), 1e-3);
    }

    @Test
    void deltasMatchTheSpec() {
        WorkedExample.Result r = WorkedExample.compute();
        assertEquals(0.1311690782143445, r.deltas().get("delta6"), TOL);
        assertEquals(-0.0065420850641689935, r.deltas().get("delta5"), TOL);
        assertEquals(-0.008724561965433263, r.deltas().get("delta4"), TOL);
    }

    @Test
    void updatedWeightsAndTheNewOutputMatchTheSpec() {
        WorkedExample.Result r = WorkedExample.compute();
        assertEquals(SPEC_UPDATED.keySet(), r.updated().keySet());
        SPEC_UPDATED.forEach((name, expected) ->
                assertEquals(expected, r.updated().get(name), TOL, () -> "new " + name));
        assertEquals(0.515247950984996, r.o6After(), TOL);
        assertTrue(r.lossAfter() < r.forward().get("E"), "one step must lower the loss");
    }

    @Test
    void gradientsAreMinusDeltaTimesInput() {
        WorkedExample.Result r = WorkedExample.compute();
        double d4 = r.deltas().get("delta4"), d6 = r.deltas().get("delta6");
        assertEquals(-d4 * 1, r.gradients().get("w14"), TOL);
        assertEquals(0, r.gradients().get("w24"), TOL);
        assertEquals(-d6 * r.forward().get("o4"), r.gradients().get("w46"), TOL);
        assertEquals(-d6, r.gradients().get("b6"), TOL);
    }

    @Test
    void theTensorNetworkGivesTheSameStep() {
        Map<String, Double> t = WorkedExample.computeWithTensors();
        SPEC_UPDATED.forEach((name, expected) -> assertEquals(expected, t.get(name), TOL, () -> "tensor " + name));
    }
}
