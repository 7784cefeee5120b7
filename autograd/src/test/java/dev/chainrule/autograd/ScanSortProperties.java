package dev.chainrule.autograd;

import static dev.chainrule.testkit.TensorArbitraries.axis;
import static dev.chainrule.testkit.TensorArbitraries.distinctTensors;
import static dev.chainrule.testkit.TensorArbitraries.reductions;
import static dev.chainrule.testkit.TensorArbitraries.shapes;
import static dev.chainrule.testkit.TensorArbitraries.tensors;
import static dev.chainrule.testkit.TensorArbitraries.values;
import static dev.chainrule.testkit.TensorArbitraries.valuesAwayFrom;
import static dev.chainrule.autograd.TensorElementwiseProperties.check;
import static dev.chainrule.autograd.TensorElementwiseProperties.secondOrder;
import static dev.chainrule.autograd.TensorTesting.assertTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.testkit.TensorArbitraries.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The scans (cumsum, cumprod, logCumSumExp), prod, std, norm, sort, topk, argmax/argmin and
 * median over random shapes and axes (negative too): forwards against plain loops over each
 * slice, gradients against central finite differences, first and second order. prod and
 * cumprod are polynomials, so they are checked at inputs holding exact zeros (and repeated
 * zeros), where a gradient that divides by the input would fail.
 */
class ScanSortProperties {

    // ---------------------------------------------------------------- generators

    /** A tensor of rank 1 to 3 and one of its axes. */
    record AxisCase(Tensor input, int axis) {
        int ax() {
            return axis < 0 ? axis + input.dim() : axis;
        }

        @Override
        public String toString() {
            return "AxisCase(shape " + Arrays.toString(input.shape()) + ", axis " + axis + ", data "
                    + Arrays.toString(input.toArray()) + ")";
        }
    }

    private static Arbitrary<AxisCase> along(Arbitrary<Double> element) {
        return shapes(1, 3, 4).flatMap(s -> Combinators.combine(tensors(s, element), axis(s.length)).as(AxisCase::new));
    }

    @Provide
    Arbitrary<AxisCase> anyAlong() {
        return along(values(-2, 2));
    }

    /** Elements that are exactly 0 about a third of the time, so slices often hold one zero or several. */
    @Provide
    Arbitrary<AxisCase> zerosAlong() {
        return along(withZeros());
    }

    /** Pairwise 0.05 apart: sort, topk and median are differentiable there. */
    @Provide
    Arbitrary<AxisCase> distinctAlong() {
        return shapes(1, 3, 4).flatMap(s -> Combinators.combine(distinctTensors(s, 0.05), axis(s.length))
                .as(AxisCase::new));
    }

    /** Small whole numbers: many ties, for the order of equal elements. */
    @Provide
    Arbitrary<AxisCase> tiedAlong() {
        return along(Arbitraries.integers().between(-2, 2).map(Integer::doubleValue));
    }

    @Provide
    Arbitrary<Reduction> zeroReductions() {
        return reductions(tensors(withZeros()));
    }

    @Provide
    Arbitrary<Reduction> anyReductions() {
        return reductions(tensors(-2, 2));
    }

    /** Elements at least 0.05 away from 0: |x| is smooth there, for the p-norms with p &le; 1 or non-integer. */
    @Provide
    Arbitrary<Reduction> nonZeroReductions() {
        return reductions(tensors(valuesAwayFrom(-2, 2, 0.05, 0)));
    }

    @Provide
    Arbitrary<Reduction> distinctReductions() {
        return reductions(shapes().flatMap(s -> distinctTensors(s, 0.05)));
    }

    /** Pairwise 0.3 apart, so every slice of two or more has a standard deviation well above 0. */
    @Provide
    Arbitrary<Reduction> spreadReductions() {
        return reductions(shapes().flatMap(s -> distinctTensors(s, 0.3)));
    }

    @Provide
    Arbitrary<Double> orders() {
        return Arbitraries.of(1.0, 2.0, 3.0, 0.5, 1.5, 4.0);
    }

    private static Arbitrary<Double> withZeros() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0.0)), Tuple.of(2, values(-2, 2)));
    }

    // ---------------------------------------------------------------- scans: forwards

    @Property(tries = 60)
    void scansMatchRunningLoops(@ForAll("anyAlong") AxisCase c) {
        Tensor t = c.input();
        assertAlong(c, t.cumsum(c.axis()), s -> {
            double acc = 0;
            double[] o = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                o[k] = acc += s[k];
            }
            return o;
        });
        assertAlong(c, t.cumprod(c.axis()), s -> {
            double acc = 1;
            double[] o = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                o[k] = acc *= s[k];
            }
            return o;
        });
        assertAlong(c, t.logCumSumExp(c.axis()), s -> {
            double acc = 0;
            double[] o = new double[s.length];
            for (int k = 0; k < s.length; k++) {
                o[k] = Math.log(acc += Math.exp(s[k]));
            }
            return o;
        });
    }

    @Property(tries = 30)
    void logCumSumExpIsStableAtLargeMagnitudes(@ForAll("anyAlong") AxisCase c) {
        Tensor shifted = c.input().mul(500).add(1000);
        Tensor r = shifted.logCumSumExp(c.axis());
        for (double v : r.toArray()) {
            assertTrue(Double.isFinite(v), () -> "logCumSumExp overflowed: " + r);
        }
        // log Σ exp(x + c) = c + log Σ exp(x)
        TensorTesting.assertClose(c.input().mul(500).logCumSumExp(c.axis()).add(1000).toArray(), r.toArray(), 1e-9,
                "logCumSumExp shifted by 1000");
        check(x -> x.get(0).mul(500).add(-1000).logCumSumExp(c.axis()).div(500), c.input());
    }

    // ---------------------------------------------------------------- scans: gradients

    @Property(tries = 40)
    void cumsumGradient(@ForAll("anyAlong") AxisCase c) {
        check(x -> x.get(0).cumsum(c.axis()), c.input());
        secondOrder(x -> x.get(0).cumsum(c.axis()).pow(2), c.input());
    }

    @Property(tries = 50)
    void cumprodGradientIsExactWithZeros(@ForAll("zerosAlong") AxisCase c) {
        check(x -> x.get(0).cumprod(c.axis()), c.input());
        secondOrder(x -> x.get(0).cumprod(c.axis()), c.input());
    }

    @Property(tries = 40)
    void logCumSumExpGradient(@ForAll("anyAlong") AxisCase c) {
        check(x -> x.get(0).logCumSumExp(c.axis()), c.input());
        secondOrder(x -> x.get(0).logCumSumExp(c.axis()), c.input());
    }

    /** A leading run of -∞ leaves y = -∞ there: the gradient is 0 there and finite everywhere (PyTorch: NaN). */
    @Property(tries = 20)
    void logCumSumExpGradientWithMinusInfinityIsFinite(@ForAll("anyAlong") AxisCase c) {
        int n = c.input().shape()[c.ax()];
        Assume.that(n > 1);
        double[] d = c.input().toArray();
        int[] shape = c.input().shape();
        for (int k = 0; k < d.length; k++) {
            if (TensorTesting.unravel(k, shape)[c.ax()] == 0) {
                d[k] = Double.NEGATIVE_INFINITY;
            }
        }
        Tensor x = Tensor.of(d, shape);
        x.logCumSumExp(c.axis()).sum().backward();
        double[] g = x.grad().toArray();
        for (int k = 0; k < d.length; k++) {
            assertTrue(Double.isFinite(g[k]), () -> "gradient " + Arrays.toString(g));
            if (d[k] == Double.NEGATIVE_INFINITY) {
                assertEquals(0, g[k]);
            }
        }
    }

    // ---------------------------------------------------------------- prod, std, norm

    @Property(tries = 60)
    void reductionsMatchLoopsOverGroupedElements(@ForAll("anyReductions") Reduction r, @ForAll("orders") double p) {
        Tensor t = r.input();
        int[] ax = r.axes();
        boolean keep = r.keepDims();
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).reduce(1, (u, v) -> u * v), t.prod(ax, keep));
        ReductionGroups.assertReduced(r, g -> Math.pow(Arrays.stream(g).map(v -> Math.pow(Math.abs(v), p)).sum(), 1 / p),
                t.norm(p, ax, keep));
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).map(Math::abs).max().orElseThrow(),
                t.norm(Double.POSITIVE_INFINITY, ax, keep));
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).map(Math::abs).min().orElseThrow(),
                t.norm(Double.NEGATIVE_INFINITY, ax, keep));
        ReductionGroups.assertReduced(r, g -> Arrays.stream(g).filter(v -> v != 0).count(), t.norm(0, ax, keep));
        ReductionGroups.assertReduced(r, g -> Math.sqrt(ReductionGroups.variance(g, 0)), t.std(ax, keep, 0));
        if (ReductionGroups.size(r) > 1) {
            ReductionGroups.assertReduced(r, g -> Math.sqrt(ReductionGroups.variance(g, 1)), t.std(ax, keep));
        }
    }

    @Property(tries = 30)
    void wholeTensorFormsAgreeWithAllAxes(@ForAll("anyReductions") Reduction r) {
        Tensor t = r.input();
        int[] all = Reductions.allAxes(t);
        assertEquals(0, t.prod().dim());
        assertEquals(t.prod(all).item(), t.prod().item(), 0);
        assertEquals(t.norm(2, all).item(), t.norm(2).item(), 0);
        if (t.size() > 1) {
            assertEquals(t.std(all).item(), t.std().item(), 0);
        }
        // the varargs forms drop the axes
        assertArrayEquals(t.prod(r.axes(), false).shape(), t.prod(r.axes()).shape());
        assertArrayEquals(t.std(r.axes(), false).shape(), t.std(r.axes()).shape());
        assertArrayEquals(t.norm(1, r.axes(), false).shape(), t.norm(1, r.axes()).shape());
    }

    @Property(tries = 50)
    void prodGradientIsExactWithZeros(@ForAll("zeroReductions") Reduction r) {
        check(x -> x.get(0).prod(r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).prod(r.axes(), r.keepDims()), r.input());
    }

    @Property(tries = 40)
    void stdGradient(@ForAll("spreadReductions") Reduction r, @ForAll("corrections") int correction) {
        Assume.that(ReductionGroups.size(r) - correction > 0 && ReductionGroups.size(r) > 1);
        // sqrt is steep near 0: finite differences need slices with some spread
        Assume.that(Arrays.stream(r.input().std(r.axes(), false, correction).toArray()).allMatch(v -> v > 0.2));
        check(x -> x.get(0).std(r.axes(), r.keepDims(), correction), r.input());
        secondOrder(x -> x.get(0).std(r.axes(), r.keepDims(), correction), r.input());
    }

    @Provide
    Arbitrary<Integer> corrections() {
        return Arbitraries.of(0, 1);
    }

    @Property(tries = 40)
    void twoNormGradientAtZerosToo(@ForAll("zeroReductions") Reduction r) {
        // exact zeros inside a slice are smooth points of the 2-norm unless the whole slice is 0
        Tensor abs = r.input().abs().max(r.axes(), true);
        Assume.that(Arrays.stream(abs.toArray()).allMatch(v -> v > 0.05));
        check(x -> x.get(0).norm(2, r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).norm(2, r.axes(), r.keepDims()), r.input());
    }

    @Property(tries = 40)
    void pNormGradient(@ForAll("nonZeroReductions") Reduction r, @ForAll("orders") double p) {
        check(x -> x.get(0).norm(p, r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).norm(p, r.axes(), r.keepDims()), r.input());
    }

    @Property(tries = 30)
    void infinityNormGradient(@ForAll("distinctReductions") Reduction r) {
        check(x -> x.get(0).norm(Double.POSITIVE_INFINITY, r.axes(), r.keepDims()), r.input());
        check(x -> x.get(0).norm(Double.NEGATIVE_INFINITY, r.axes(), r.keepDims()), r.input());
        secondOrder(x -> x.get(0).norm(Double.POSITIVE_INFINITY, r.axes(), r.keepDims()).pow(2), r.input());
    }

    /** PyTorch's subgradient at a zero slice: 0 for every p (not NaN), and 0 throughout for p = 0. */
    @Property(tries = 20)
    void normGradientAtTheZeroVectorIsZero(@ForAll("orders") double p) {
        for (double q : new double[] {p, Double.POSITIVE_INFINITY, 0}) {
            Tensor z = Tensor.of(new double[6], 2, 3);
            z.norm(q, 1).sum().backward();
            assertArrayEquals(new double[6], z.grad().toArray(), 0, "norm " + q);
            // and the second derivative through the graph is finite
            Tensor w = Tensor.of(new double[] {0, 0, 0, 1, -2, 0}, 2, 3);
            Tensor g = Autograd.grad(List.of(w.norm(q, 1).sum()), List.of(w), null, true, true).get(0);
            if (g.requiresGrad()) {
                Tensor gg = Autograd.grad(List.of(g.mul(g).sum()), List.of(w), null, false, false).get(0);
                assertTrue(Arrays.stream(gg.toArray()).allMatch(Double::isFinite), "norm " + q + ": " + gg);
            }
        }
    }

    // ---------------------------------------------------------------- sort, topk, argmax, median: forwards

    @Property(tries = 60)
    void sortIsAStablePermutationWithNaNLast(@ForAll("tiedAlong") AxisCase c, @ForAll boolean descending,
                                             @ForAll boolean withNaN) {
        Tensor t = withNaN ? withSomeNaN(c.input()) : c.input();
        AxisCase tc = new AxisCase(t, c.axis());
        Tensor.Sorted s = t.sort(c.axis(), descending);
        assertAlong(tc, s.indices(), slice -> referenceOrder(slice, descending));
        assertAlong(tc, s.values(), slice -> {
            double[] idx = referenceOrder(slice, descending);
            double[] v = new double[slice.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = slice[(int) idx[k]];
            }
            return v;
        });
    }

    @Property(tries = 40)
    void topkIsThePrefixOfTheDescendingSort(@ForAll("tiedAlong") AxisCase c, @ForAll("fractions") double f) {
        Tensor t = c.input();
        int n = t.shape()[c.ax()];
        int k = (int) Math.round(f * n);
        Tensor.Sorted top = t.topk(k, c.axis());
        Tensor.Sorted all = t.sort(c.axis(), true);
        assertEquals(Arrays.toString(all.values().slice(c.axis(), 0, k).toArray()), Arrays.toString(top.values().toArray()));
        assertArrayEquals(all.values().slice(c.axis(), 0, k).shape(), top.values().shape());
        assertArrayEquals(all.indices().slice(c.axis(), 0, k).toArray(), top.indices().toArray(), 0);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.of(0.0, 0.3, 0.5, 1.0);
    }

    @Property(tries = 60)
    void argExtremaAndMedianMatchLoops(@ForAll("tiedAlong") AxisCase c, @ForAll boolean withNaN,
                                      @ForAll boolean keepDims) {
        Tensor t = withNaN ? withSomeNaN(c.input()) : c.input();
        AxisCase tc = new AxisCase(t, c.axis());
        assertReducedAlong(tc, keepDims, t.argmax(c.axis(), keepDims), slice -> firstExtreme(slice, true));
        assertReducedAlong(tc, keepDims, t.argmin(c.axis(), keepDims), slice -> firstExtreme(slice, false));
        Tensor.Sorted m = t.median(c.axis(), keepDims);
        assertReducedAlong(tc, keepDims, m.indices(), ScanSortProperties::medianPosition);
        assertReducedAlong(tc, keepDims, m.values(), slice -> slice[(int) medianPosition(slice)]);
        assertArrayEquals(t.argmax(c.axis()).shape(), m.values().view(t.argmax(c.axis()).shape()).shape());
        // whole-tensor forms: the row-major position, and the median of the flattened elements
        double[] all = t.toArray();
        assertEquals(firstExtreme(all, true), t.argmax().item());
        assertEquals(firstExtreme(all, false), t.argmin().item());
        assertEquals(Double.toString(all[(int) medianPosition(all)]), Double.toString(t.median().item()));
    }

    // ---------------------------------------------------------------- sort, topk, median: gradients

    @Property(tries = 40)
    void sortedValuesGradient(@ForAll("distinctAlong") AxisCase c, @ForAll boolean descending) {
        check(x -> x.get(0).sort(c.axis(), descending).values(), c.input());
        secondOrder(x -> x.get(0).sort(c.axis(), descending).values().pow(3), c.input());
    }

    @Property(tries = 40)
    void topkValuesGradient(@ForAll("distinctAlong") AxisCase c, @ForAll("fractions") double f) {
        int k = (int) Math.round(f * c.input().shape()[c.ax()]);
        check(x -> x.get(0).topk(k, c.axis()).values(), c.input());
        secondOrder(x -> x.get(0).topk(k, c.axis()).values().pow(3), c.input());
    }

    @Property(tries = 40)
    void medianGradient(@ForAll("distinctAlong") AxisCase c, @ForAll boolean keepDims) {
        check(x -> x.get(0).median(c.axis(), keepDims).values(), c.input());
        secondOrder(x -> x.get(0).median(c.axis(), keepDims).values().pow(3), c.input());
        check(x -> x.get(0).median(), c.input());
        secondOrder(x -> x.get(0).median().pow(3), c.input());
    }

    /** Ties of the whole-tensor median share its gradient evenly, as torch.median() (and max()). */
    @Property(tries = 30)
    void wholeMedianSplitsTiesEvenly(@ForAll("tiedAlong") AxisCase c) {
        Tensor t = c.input();
        t.median().backward();
        double m = t.median().item();
        double[] x = t.toArray();
        long ties = Arrays.stream(x).filter(v -> v == m).count();
        double[] expected = Arrays.stream(x).map(v -> v == m ? 1.0 / ties : 0).toArray();
        assertArrayEquals(expected, t.grad().toArray(), 1e-15);
    }

    @Property(tries = 20)
    void indicesAreConstants(@ForAll("anyAlong") AxisCase c) {
        Tensor t = c.input();
        assertFalse(t.argmax(c.axis()).requiresGrad());
        assertFalse(t.sort(c.axis()).indices().requiresGrad());
        assertFalse(t.topk(1, c.axis()).indices().requiresGrad());
        assertFalse(t.median(c.axis()).indices().requiresGrad());
        assertTrue(t.sort(c.axis()).values().requiresGrad());
        // the indices gather the values back
        Tensor.Sorted s = t.sort(c.axis(), true);
        assertArrayEquals(s.values().toArray(), t.gather(c.axis(), s.indices()).toArray(), 0);
    }

    // ---------------------------------------------------------------- references

    /** The order a stable sort gives, NaN after every number (first when descending), -0.0 equal to 0.0. */
    private static double[] referenceOrder(double[] slice, boolean descending) {
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < slice.length; k++) {
            idx.add(k);
        }
        idx.sort((i, j) -> {
            double a = slice[i], b = slice[j];
            int c = Double.isNaN(a) || Double.isNaN(b) ? Boolean.compare(Double.isNaN(a), Double.isNaN(b))
                    : a < b ? -1 : a > b ? 1 : 0;
            return descending ? -c : c; // List.sort is stable
        });
        return idx.stream().mapToDouble(Integer::doubleValue).toArray();
    }

    private static double firstExtreme(double[] slice, boolean max) {
        for (int k = 0; k < slice.length; k++) {
            if (Double.isNaN(slice[k])) {
                return k;
            }
        }
        int best = 0;
        for (int k = 1; k < slice.length; k++) {
            if (max ? slice[k] > slice[best] : slice[k] < slice[best]) {
                best = k;
            }
        }
        return best;
    }

    private static double medianPosition(double[] slice) {
        for (int k = 0; k < slice.length; k++) {
            if (Double.isNaN(slice[k])) {
                return k;
            }
        }
        return referenceOrder(slice, false)[(slice.length - 1) / 2];
    }

    private static Tensor withSomeNaN(Tensor t) {
        double[] d = t.toArray();
        for (int k = 0; k < d.length; k += 3) {
            d[k] = Double.NaN;
        }
        return Tensor.of(d, t.shape());
    }

    /** The elements of each slice along the case's axis, in order, with the row-major position of each. */
    private static List<int[]> slices(AxisCase c) {
        int[] shape = c.input().shape();
        int ax = c.ax(), n = shape[ax];
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < TensorTesting.size(shape); k++) {
            int[] idx = TensorTesting.unravel(k, shape);
            if (idx[ax] == 0) {
                int[] positions = new int[n];
                for (int t = 0; t < n; t++) {
                    idx[ax] = t;
                    positions[t] = TensorTesting.ravel(idx, shape);
                }
                out.add(positions);
            }
        }
        return out;
    }

    /** Checks a same-shape result slice by slice against {@code f} of the input slice. */
    private static void assertAlong(AxisCase c, Tensor actual, Function<double[], double[]> f) {
        double[] x = c.input().toArray();
        double[] expected = new double[x.length];
        for (int[] pos : slices(c)) {
            double[] slice = Arrays.stream(pos).mapToDouble(p -> x[p]).toArray();
            double[] r = f.apply(slice);
            for (int t = 0; t < pos.length; t++) {
                expected[pos[t]] = r[t];
            }
        }
        assertTensor(c.input().shape(), expected, actual, 1e-12);
    }

    /** Checks a reduced result (one number per slice) against {@code f} of each input slice. */
    private static void assertReducedAlong(AxisCase c, boolean keepDims, Tensor actual,
                                           java.util.function.ToDoubleFunction<double[]> f) {
        double[] x = c.input().toArray();
        List<int[]> slices = slices(c); // in row-major order of the reduced shape
        double[] expected = new double[slices.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = f.applyAsDouble(Arrays.stream(slices.get(i)).mapToDouble(p -> x[p]).toArray());
        }
        int[] shape = c.input().shape();
        int[] kept = shape.clone();
        kept[c.ax()] = 1;
        int[] dropped = Arrays.stream(shape).limit(0).toArray();
        List<Integer> d = new ArrayList<>();
        for (int k = 0; k < shape.length; k++) {
            if (k != c.ax()) {
                d.add(shape[k]);
            }
        }
        dropped = d.stream().mapToInt(Integer::intValue).toArray();
        assertArrayEquals(keepDims ? kept : dropped, actual.shape());
        assertEquals(Arrays.toString(expected), Arrays.toString(actual.toArray()));
    }
}
