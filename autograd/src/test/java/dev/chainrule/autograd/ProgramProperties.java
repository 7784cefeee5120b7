package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random programs over the whole op registry ({@link Program}, as jqwik data, so a failure
 * shrinks to a short program): gradients through any composition agree with central finite
 * differences on broadcasting tensors, to second order where every op is smooth, and the
 * scalar engine computes the same numbers as the tensor engine.
 */
class ProgramProperties {

    @Provide
    Arbitrary<Program> tensorPrograms() {
        return Programs.programs(ProgramOp.all(), 3, 6, 3);
    }

    @Provide
    Arbitrary<Program> smoothPrograms() {
        return Programs.programs(ProgramOp.smoothOnes(), 2, 4, 2);
    }

    @Provide
    Arbitrary<Program> scalarPrograms() {
        return Programs.programs(ProgramOp.scalar(), 3, 6, 0);
    }

    @Property(tries = 150)
    void gradientsOfRandomProgramsMatchFiniteDifferences(@ForAll("tensorPrograms") Program p) {
        GradCheck.withDefaults().tolerance(1e-4, 1e-3).checkTensors(p::run, p.inputs()).assertPassed();
    }

    @Property(tries = 40)
    void secondOrderOfSmoothProgramsMatchesFiniteDifferences(@ForAll("smoothPrograms") Program p) {
        GradCheck.withDefaults().tolerance(1e-4, 1e-3).checkTensorsSecondOrder(p::run, p.inputs()).assertPassed();
    }

    @Property(tries = 100)
    void scalarProgramsAgreeWithTensorProgramsAndFiniteDifferences(@ForAll("scalarPrograms") Program p) {
        double[] x = p.scalarInputs();
        GradCheck.withDefaults().tolerance(1e-4, 1e-3).check(p::runValues, x).assertPassed();

        List<Value> vs = Value.listOf(x);
        Value v = p.runValues(vs);
        v.backward();
        Tensor[] ts = p.inputs();
        Tensor t = p.run(List.of(ts));
        t.backward();
        assertArrayEquals(new int[0], t.shape(), p.toString());
        assertEquals(t.item(), v.data(), 1e-12 * Math.max(1, Math.abs(v.data())), p + ": output");
        for (int i = 0; i < x.length; i++) {
            double tg = ts[i].grad() == null ? 0 : ts[i].grad().item();
            assertEquals(tg, vs.get(i).grad(), 1e-9 * Math.max(1, Math.abs(tg)), p + ": gradient of t" + i);
        }
    }
}
