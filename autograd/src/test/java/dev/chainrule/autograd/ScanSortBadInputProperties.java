package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.expect;
import static dev.chainrule.autograd.BadInputs.expectMentioning;
import static dev.chainrule.autograd.BadInputs.leaf;
import static dev.chainrule.testkit.TensorArbitraries.edgeAxes;
import static dev.chainrule.testkit.TensorArbitraries.edgeShapes;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * prod, std, norm, the scans, argmax/argmin, sort, topk and median called with random, often
 * invalid, shapes (rank 0 to 4, empty axes), axes (out of range, repeated), orders p,
 * corrections and k: each call gives the shape PyTorch gives, with a backward pass (first
 * and second order) keeping input shapes, or is refused with a clean exception naming the op
 * ({@link BadInputs}), and, for k and the empty axes, the shape and numbers involved.
 */
class ScanSortBadInputProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        return edgeShapes();
    }

    @Provide
    Arbitrary<int[]> axisLists() {
        return edgeAxes().array(int[].class).ofMinSize(0).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> axes() {
        return edgeAxes();
    }

    @Provide
    Arbitrary<Double> orders() {
        return Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0,
                Double.POSITIVE_INFINITY);
    }

    @Property(tries = 100)
    void reductionsGiveNumPyShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axisLists") int[] axes,
            @ForAll boolean keep, @ForAll @IntRange(min = -1, max = 2) int correction, @ForAll("orders") double p) {
        int[] expected = ReferenceShapes.reduce(s, axes, keep);
        Tensor a = leaf(s);
        expect("prod", expected, () -> a.prod(axes, keep), a);
        expect("std", expected, () -> a.std(axes, keep), a);
        expect("std", correction < 0 ? null : expected, () -> a.std(axes, keep, correction), a);
        boolean badOrder = Double.isNaN(p) || (p < 0 && !Double.isInfinite(p));
        boolean noValue = expected != null && Double.isInfinite(p) && ReferenceShapes.emptyExtremum(s, axes);
        expectMentioning("norm", badOrder || noValue ? null : expected, () -> a.norm(p, axes, keep),
                badOrder ? List.of(Double.toString(p)) : noValue ? List.of(Arrays.toString(s)) : List.of(), a);
        if (expected != null && !keep) {
            expect("prod", expected, () -> a.prod(axes), a);
            expect("std", expected, () -> a.std(axes), a);
        }
    }

    @Property(tries = 100)
    void alongOneAxisGivePyTorchShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axes") int axis,
                                                 @ForAll boolean keep, @ForAll boolean descending) {
        Tensor a = leaf(s);
        int ax = s.length == 0 ? -1 : ReferenceShapes.axis(axis, s.length); // 0-d tensors have no axes here
        int[] same = ax < 0 ? null : s;
        expect("cumsum", same, () -> a.cumsum(axis), a);
        expect("cumprod", same, () -> a.cumprod(axis), a);
        expect("logCumSumExp", same, () -> a.logCumSumExp(axis), a);
        expect("sort", same, () -> a.sort(axis, descending).values(), a);
        expect("sort", same, () -> a.sort(axis).indices(), a);
        // one position per slice: refused along an empty axis (PyTorch too), which the message names
        int[] reduced = ax < 0 || s[ax] == 0 ? null : keep ? ReferenceShapes.insert(ReferenceShapes.remove(s, ax), ax, 1)
                : ReferenceShapes.remove(s, ax);
        List<String> mention = ax < 0 ? List.of("axis " + axis) : List.of(Arrays.toString(s));
        expectMentioning("argmax", reduced, () -> a.argmax(axis, keep), mention, a);
        expectMentioning("argmin", reduced, () -> a.argmin(axis, keep), mention, a);
        expectMentioning("median", reduced, () -> a.median(axis, keep).values(), mention, a);
        expectMentioning("median", reduced, () -> a.median(axis, keep).indices(), mention, a);
        if (!keep) {
            expect("argmax", reduced, () -> a.argmax(axis), a);
            expect("median", reduced, () -> a.median(axis).values(), a);
        }
        // the whole-tensor forms refuse only an empty tensor
        int[] scalar = ReferenceShapes.count(s) == 0 ? null : new int[0];
        List<String> shape = List.of(Arrays.toString(s));
        expectMentioning("argmax", scalar, a::argmax, shape, a);
        expectMentioning("argmin", scalar, a::argmin, shape, a);
        expectMentioning("median", scalar, a::median, shape, a);
        expect("prod", new int[0], a::prod, a);
        expect("norm", new int[0], () -> a.norm(2), a);
    }

    @Property(tries = 100)
    void topkTakesZeroToTheAxisLength(@ForAll("shapes") int[] s, @ForAll("axes") int axis,
                                      @ForAll @IntRange(min = -2, max = 6) int k) {
        Tensor a = leaf(s);
        int ax = s.length == 0 ? -1 : ReferenceShapes.axis(axis, s.length);
        int[] expected = null;
        if (ax >= 0 && k >= 0 && k <= s[ax]) {
            expected = s.clone();
            expected[ax] = k;
        }
        List<String> mention = ax < 0 ? List.of("axis " + axis) : List.of("k = " + k, Arrays.toString(s));
        int[] e = expected;
        Supplier<Tensor> values = () -> a.topk(k, axis).values();
        expectMentioning("topk", e, values, mention, a);
        expectMentioning("topk", e, () -> a.topk(k, axis).indices(), mention, a);
    }
}
