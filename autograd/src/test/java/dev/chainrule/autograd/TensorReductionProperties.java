package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.axis;
import static dev.chainrule.testkit.TensorArbitraries.distinctTensors;
import static dev.chainrule.testkit.TensorArbitraries.reductions;
import static dev.chainrule.testkit.TensorArbitraries.shapes;
import static dev.chainrule.testkit.TensorArbitraries.tensors;
import static dev.chainrule.autograd.TensorElementwiseProperties.check;
import static dev.chainrule.autograd.TensorElementwiseProperties.secondOrder;
import static dev.chainrule.autograd.TensorTesting.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.testkit.TensorArbitraries.Reduction;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Reductions over random axes (negative, in any order, possibly none) with and without
 * keepDims, and softmax/logSoftmax along a random axis: forwards agree with plain loops over
 * grouped elements, gradients with central finite differences, second order too for the
 * smooth ones.
 */
class TensorReductionProperties {

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Reduction> anyReductions() {
        return reductions(tensors(-2, 2));
    }

    /** Inputs whose elements are pairwise 0.05 apart, so max/min have no near-ties. */
    @Provide
    Arbitrary<Reduction> distinctReductions() {
        return reductions(shapes().flatMap(s -> distinctTensors(s, 0.05)));
    }

    @Provide
    Arbitrary<AxisCase> axisCases() {
        return shapes(1, 3, 4).flatMap(s -> Combinators.combine(tensors(s, -3, 3), axis(s.length)).as(AxisCase::new));
    }

    /** A tensor and one of its axes. */
    record AxisCase(Tensor input, int axis) {
    }

    // ---------------------------------------------------------------- forwards

    @Property(tries = 80)
    void reductionsMatchLoopsOverGroupedElements(@ForAll("anyReductions") Reduction r) {
        Tensor t = r.input();
        int[] ax = r.axes();
        boolean keep = r.keepDims();
        ReductionGroups.assertReduced(r, TensorReductionProperties::sum, t.sum(ax, keep));
        ReductionGroups.assertReduced(r, g -> sum(g) / g.length, t.mean(ax, keep));
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).max().orElseThrow(), t.max(ax, keep));
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).min().orElseThrow(), t.min(ax, keep));
        ReductionGroups.assertReduced(r, g -> Math.log(Arrays.stream(g).map(Math::exp).sum()), t.logSumExp(ax, keep));
        ReductionGroups.assertReduced(r, g -> ReductionGroups.variance(g, 0), t.var(ax, keep, 0));
        if (ReductionGroups.size(r) > 1) {
            ReductionGroups.assertReduced(r, g -> ReductionGroups.variance(g, 1), t.var(ax, keep));
        }
    }

    @Property(tries = 40)
    void wholeTensorReductionsAreScalars(@ForAll("anyReductions") Reduction r) {
        Tensor t = r.input();
        double[] d = t.toArray();
        assertEquals(0, t.sum().dim());
        assertEquals(sum(d), t.sum().item(), 1e-12);
        assertEquals(sum(d) / d.length, t.mean().item(), 1e-12);
        assertEquals(Arrays.stream(d).max().orElseThrow(), t.max().item(), 0);
        assertEquals(Arrays.stream(d).min().orElseThrow(), t.min().item(), 0);
        assertEquals(Math.log(Arrays.stream(d).map(Math::exp).sum()), t.logSumExp().item(), 1e-12);
        if (d.length > 1) {
            assertEquals(ReductionGroups.variance(d, 1), t.var().item(), 1e-12);
        }
    }

    @Property(tries = 60)
    void softmaxAndLogSoftmaxMatchLoops(@ForAll("axisCases") AxisCase c) {
        Tensor t = c.input();
        int ax = c.axis() < 0 ? c.axis() + t.dim() : c.axis();
        Reduction along = new Reduction(t, new int[] {ax}, true);
        Tensor lse = t.logSumExp(ax, true);
        double[] x = t.toArray();
        double[] expectedLog = new double[x.length];
        double[] expected = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double l = TensorTesting.at(lse, TensorTesting.unravel(k, t.shape()));
            expectedLog[k] = x[k] - l;
            expected[k] = Math.exp(x[k] - l);
        }
        assertTensor(t.shape(), expected, t.softmax(c.axis()), 1e-12);
        assertTensor(t.shape(), expectedLog, t.logSoftmax(c.axis()), 1e-12);
        // each slice of a softmax sums to one
        ReductionGroups.assertReduced(along, g -> 1, t.softmax(c.axis()).sum(new int[] {ax}, true));
    }

    // ---------------------------------------------------------------- gradients

    @Property(tries = 40)
    void sumGradient(@ForAll("anyReductions") Reduction r) {
        check(x -> x.get(0).sum(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).sum(r.axes(), r.keepDims()).sin(), r.input());
    }

    @Property(tries = 40)
    void meanGradient(@ForAll("anyReductions") Reduction r) {
        check(x -> x.get(0).mean(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).mean(r.axes(), r.keepDims()).exp(), r.input());
    }

    @Property(tries = 40)
    void maxGradient(@ForAll("distinctReductions") Reduction r) {
        check(x -> x.get(0).max(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).max(r.axes(), r.keepDims()).pow(2), r.input());
    }

    @Property(tries = 40)
    void minGradient(@ForAll("distinctReductions") Reduction r) {
        check(x -> x.get(0).min(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).min(r.axes(), r.keepDims()).pow(2), r.input());
    }

    @Property(tries = 40)
    void logSumExpGradient(@ForAll("anyReductions") Reduction r) {
        check(x -> x.get(0).logSumExp(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).logSumExp(r.axes(), r.keepDims()), r.input());
    }

    @Property(tries = 40)
    void varGradient(@ForAll("anyReductions") Reduction r, @ForAll("corrections") int correction) {
        Assume.that(ReductionGroups.size(r) - correction > 0);
        check(x -> x.get(0).var(r.axes(), r.keepDims(), correction), r.input());
        secondOrder(x -> x.get(0).var(r.axes(), r.keepDims(), correction), r.input());
    }

    @Provide
    Arbitrary<Integer> corrections() {
        return Arbitraries.of(0, 1);
    }

    @Property(tries = 40)
    void softmaxGradient(@ForAll("axisCases") AxisCase c) {
        check(x -> x.get(0).softmax(c.axis()), c.input());
        secondOrder(x -> x.get(0).softmax(c.axis()), c.input());
    }

    @Property(tries = 40)
    void logSoftmaxGradient(@ForAll("axisCases") AxisCase c) {
        check(x -> x.get(0).logSoftmax(c.axis()), c.input());
        secondOrder(x -> x.get(0).logSoftmax(c.axis()), c.input());
    }

    @Property(tries = 30)
    void wholeTensorReductionGradients(@ForAll("distinctReductions") Reduction r) {
        Tensor t = r.input();
        check(x -> x.get(0).mean(), t);
        check(x -> x.get(0).max(), t);
        check(x -> x.get(0).min(), t);
        check(x -> x.get(0).logSumExp(), t);
        if (t.size() > 1) {
            check(x -> x.get(0).var(), t);
            secondOrder(x -> x.get(0).var(), t);
        }
    }

    // ---------------------------------------------------------------- references

    private static double sum(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v;
        }
        return s;
    }
}
