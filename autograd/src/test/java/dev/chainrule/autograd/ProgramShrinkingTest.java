package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.ShrunkFalsifiedSample;

/**
 * Random programs shrink to a readable counterexample: a program property over a catalog
 * that includes a deliberately wrong rule (a {@link CustomFunction} squaring with the
 * derivative {@code 2x + 1}) must fail, and jqwik's shrunk sample must be the broken op
 * alone on one number: {@code t0 = leaf[]; t1 = badSquare(t0); out = t1 where t0 = [0.0]}. The property runs normally; an {@link AroundPropertyHook} (jqwik's
 * lifecycle API) takes its result, checks the failure and the shrunk sample, and reports
 * success only then.
 */
class ProgramShrinkingTest {
    /** x² with a wrong backward: g·(2x + 1). */
    static final TensorFunction BAD_SQUARE = CustomFunction.tensor("badSquare", in -> in[0].mul(in[0]),
            (g, in, out) -> new Tensor[] {g.mul(in[0].mul(2).add(1))});

    @Provide
    Arbitrary<Program> programsWithABrokenOp() {
        List<ProgramOp> ops = new ArrayList<>(ProgramOp.all());
        ops.add(new ProgramOp("badSquare", "", 1, false, t -> BAD_SQUARE.apply(t[0]), null, t -> true));
        return Programs.programs(ops, 3, 8, 3);
    }

    @Property(tries = 200, seed = "6", afterFailure = AfterFailureMode.PREVIOUS_SEED,
            shrinking = ShrinkingMode.FULL) // no time bound: the result must not depend on the machine's load
    @AddLifecycleHook(ExpectsSmallShrunkProgram.class)
    void brokenRuleIsCaught(@ForAll("programsWithABrokenOp") Program p) {
        GradCheck.Report r = GradCheck.withDefaults().tolerance(1e-4, 1e-3).checkTensors(p::run, p.inputs());
        assertTrue(r.passed(), r::toString); // the report is only built for the shrunk sample
    }

    /** Turns the property's expected failure into a pass when the shrunk program is small, and into a failure otherwise. */
    static class ExpectsSmallShrunkProgram implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            try {
                assertEquals(PropertyExecutionResult.Status.FAILED, result.status(),
                        "a program with a wrong rule must fail the gradient check");
                ShrunkFalsifiedSample sample = result.shrunkSample().orElseThrow();
                Program small = (Program) sample.parameters().get(0);
                Program original = (Program) result.originalSample().orElseThrow().parameters().get(0);
                assertEquals(1, small.steps().size(), "shrunk to one step: " + small + " (from " + original + ")");
                assertEquals("badSquare", small.steps().get(0).op().name(), small.toString());
                assertEquals(1, small.leaves().size(), small.toString());
                assertEquals(1, small.leaves().get(0).values().length, small.toString());
                // this seed first fails on a 3-step program over three leaves (15 = steps + numbers), 2 after shrinking
                assertTrue(original.size() >= 10, "the first failing program is already small: " + original);
                assertTrue(small.toString().startsWith("t0 = leaf[]; t1 = badSquare(t0); out = t1"), small.toString());
            } catch (AssertionError | RuntimeException e) {
                return result.mapToFailed(e);
            }
            return result.mapToSuccessful();
        }
    }
}
