package dev.chainrule.autograd;

import static dev.chainrule.autograd.BadInputs.expect;
import static dev.chainrule.autograd.BadInputs.expectOrRefuse;
import static dev.chainrule.autograd.BadInputs.leaf;
import static dev.chainrule.autograd.BadInputs.refused;
import static dev.chainrule.testkit.TensorArbitraries.edgeAxes;
import static dev.chainrule.testkit.TensorArbitraries.edgeBounds;
import static dev.chainrule.testkit.TensorArbitraries.edgeShapes;

import dev.chainrule.testkit.TensorArbitraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Every public {@link Tensor} op called with random, often invalid, shapes, axes, indices,
 * bounds and lengths: each call either succeeds with the shape NumPy/PyTorch give (see
 * {@link ReferenceShapes}) and a backward pass that keeps input shapes, or is refused with an
 * IllegalArgumentException, IllegalStateException or NullPointerException naming the op
 * (see {@link BadInputs}). Shapes here include empty (length-0) axes and rank 4.
 */
class BadInputProperties {

    // ---------------------------------------------------------------- generators

    // shapes with empty axes, axes out of range and extreme bounds: TensorArbitraries' edge-case generators

    @Provide
    Arbitrary<int[]> shapes() {
        return edgeShapes();
    }

    /** Pairs: half broadcast-compatible (shared generator), half two unrelated shapes. */
    @Provide
    Arbitrary<int[][]> shapePairs() {
        Arbitrary<int[][]> compatible = TensorArbitraries.broadcastPairs(0, 4, 4)
                .map(p -> new int[][] {p.a(), p.b()});
        Arbitrary<int[][]> any = Combinators.combine(edgeShapes(), edgeShapes()).as((a, b) -> new int[][] {a, b});
        return Arbitraries.oneOf(compatible, any);
    }

    @Provide
    Arbitrary<int[][]> shapeTriples() {
        Arbitrary<int[][]> compatible = Combinators.combine(TensorArbitraries.broadcastPairs(0, 3, 3),
                Arbitraries.integers().between(0, 2)).as((p, k) -> new int[][] {
                        k == 0 ? p.broadcast() : k == 1 ? p.a() : new int[0], p.a(), p.b()});
        Arbitrary<int[][]> any = Combinators.combine(edgeShapes(), edgeShapes(), edgeShapes()).as((m, a, b) -> new int[][] {m, a, b});
        return Arbitraries.oneOf(compatible, any);
    }

    @Provide
    Arbitrary<int[]> axisLists() {
        return edgeAxes().array(int[].class).ofMinSize(0).ofMaxSize(3);
    }

    // ---------------------------------------------------------------- elementwise

    private static final Map<String, BinaryOperator<Tensor>> BINARY = new LinkedHashMap<>();

    static {
        BINARY.put("add", Tensor::add);
        BINARY.put("sub", Tensor::sub);
        BINARY.put("mul", Tensor::mul);
        BINARY.put("div", Tensor::div);
        BINARY.put("pow", Tensor::pow);
        BINARY.put("max", Tensor::max);
        BINARY.put("min", Tensor::min);
        BINARY.put("gt", Tensor::gt);
        BINARY.put("ge", Tensor::ge);
        BINARY.put("lt", Tensor::lt);
        BINARY.put("le", Tensor::le);
        BINARY.put("eq", Tensor::eq);
    }

    @Property(tries = 60)
    void elementwiseBinaryBroadcastsOrNamesTheOp(@ForAll("shapePairs") int[][] pair) {
        int[] expected = ReferenceShapes.broadcast(pair[0], pair[1]);
        List<String> both = List.of(Arrays.toString(pair[0]), Arrays.toString(pair[1]));
        for (Map.Entry<String, BinaryOperator<Tensor>> op : BINARY.entrySet()) {
            Tensor a = leaf(pair[0]), b = leaf(pair[1]);
            BadInputs.expectMentioning(op.getKey(), expected, () -> op.getValue().apply(a, b), both, a, b);
        }
    }

    @Property(tries = 60)
    void whereBroadcastsAllThreeOrNamesTheOp(@ForAll("shapeTriples") int[][] s) {
        Tensor mask = leaf(s[0]).gt(0), a = leaf(s[1]), b = leaf(s[2]);
        BadInputs.expectMentioning("where", ReferenceShapes.broadcast(s[0], s[1], s[2]), () -> Tensor.where(mask, a, b),
                List.of(Arrays.toString(s[0]), Arrays.toString(s[1]), Arrays.toString(s[2])), a, b);
    }

    private static final Map<String, UnaryOperator<Tensor>> UNARY = new LinkedHashMap<>();

    static {
        UNARY.put("neg", Tensor::neg);
        UNARY.put("exp", Tensor::exp);
        UNARY.put("log", Tensor::log);
        UNARY.put("sqrt", Tensor::sqrt);
        UNARY.put("abs", Tensor::abs);
        UNARY.put("sin", Tensor::sin);
        UNARY.put("cos", Tensor::cos);
        UNARY.put("tanh", Tensor::tanh);
        UNARY.put("sigmoid", Tensor::sigmoid);
        UNARY.put("relu", Tensor::relu);
        UNARY.put("leakyRelu", t -> t.leakyRelu(0.1));
        UNARY.put("step", Tensor::step);
        UNARY.put("softplus", Tensor::softplus);
        UNARY.put("add", t -> t.add(2.0));
        UNARY.put("sub", t -> t.sub(2.0));
        UNARY.put("mul", t -> t.mul(-3.0));
        UNARY.put("div", t -> t.div(0.0));
        UNARY.put("pow", t -> t.pow(-1.5));
        UNARY.put("gt", t -> t.gt(0.0));
        UNARY.put("ge", t -> t.ge(0.0));
        UNARY.put("lt", t -> t.lt(0.0));
        UNARY.put("le", t -> t.le(0.0));
        UNARY.put("eq", t -> t.eq(0.0));
        UNARY.put("detach", Tensor::detach);
    }

    @Property(tries = 40)
    void unaryOpsKeepTheShape(@ForAll("shapes") int[] s) {
        for (Map.Entry<String, UnaryOperator<Tensor>> op : UNARY.entrySet()) {
            Tensor a = leaf(s);
            expect(op.getKey(), s, () -> op.getValue().apply(a), a);
        }
    }

    @Property(tries = 60)
    void clampRefusesBoundsThatAreNoInterval(@ForAll("shapes") int[] s,
            @ForAll("clampBounds") double lo, @ForAll("clampBounds") double hi) {
        Tensor a = leaf(s);
        boolean ok = !Double.isNaN(lo) && !Double.isNaN(hi) && lo <= hi;
        expect("clamp", ok ? s : null, () -> a.clamp(lo, hi), a);
    }

    @Property(tries = 30)
    void leakyReluRefusesASlopeThatIsNoNumber(@ForAll("shapes") int[] s, @ForAll("clampBounds") double slope) {
        Tensor a = leaf(s);
        expect("leakyRelu", Double.isFinite(slope) ? s : null, () -> a.leakyRelu(slope), a);
        if (Double.isFinite(slope)) {
            Value.of(-1).leakyRelu(slope);
        } else {
            refused("leakyRelu", () -> Value.of(-1).leakyRelu(slope));
        }
    }

    @Provide
    Arbitrary<Double> clampBounds() {
        return Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, -1.0, 0.0, 0.5, 1.0, Double.POSITIVE_INFINITY);
    }

    // ---------------------------------------------------------------- reductions and softmax

    @Property(tries = 80)
    void reductionsOverAxisListsGiveNumPyShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axisLists") int[] axes,
            @ForAll boolean keep, @ForAll @IntRange(min = -1, max = 2) int correction) {
        int[] expected = ReferenceShapes.reduce(s, axes, keep);
        Tensor a = leaf(s);
        expect("sum", expected, () -> a.sum(axes, keep), a);
        expect("mean", expected, () -> a.mean(axes, keep), a);
        expect("logSumExp", expected, () -> a.logSumExp(axes, keep), a);
        expect("var", expected, () -> a.var(axes, keep), a);
        expect("var", correction < 0 ? null : expected, () -> a.var(axes, keep, correction), a);
        extremum("max", expected, s, axes, () -> a.max(axes, keep), a);
        extremum("min", expected, s, axes, () -> a.min(axes, keep), a);
    }

    /**
     * max/min over an empty axis have no value: refused when the output has elements (as
     * PyTorch); an empty output may be given or refused (NumPy and PyTorch differ).
     */
    private static void extremum(String op, int[] expected, int[] s, int[] axes,
                                 java.util.function.Supplier<Tensor> call, Tensor a) {
        if (expected != null && ReferenceShapes.emptyExtremum(s, axes)) {
            expect(op, null, call, a);
        } else if (expected != null && ReferenceShapes.count(s) == 0) {
            expectOrRefuse(op, expected, call, a);
        } else {
            expect(op, expected, call, a);
        }
    }

    @Property(tries = 80)
    void singleAxisReductionsGiveNumPyShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axisValues") int axis) {
        int[] one = {axis};
        int[] dropped = ReferenceShapes.reduce(s, one, false), kept = ReferenceShapes.reduce(s, one, true);
        Tensor a = leaf(s);
        expect("sum", dropped, () -> a.sum(axis), a);
        expect("sum", kept, () -> a.sum(axis, true), a);
        expect("mean", dropped, () -> a.mean(axis), a);
        expect("mean", kept, () -> a.mean(axis, true), a);
        expect("logSumExp", dropped, () -> a.logSumExp(axis), a);
        expect("logSumExp", kept, () -> a.logSumExp(axis, true), a);
        expect("var", kept, () -> a.var(axis, true), a);
        expect("var", dropped, () -> a.var(axis, false), a);
        extremum("max", dropped, s, one, () -> a.max(axis), a);
        extremum("max", kept, s, one, () -> a.max(axis, true), a);
        extremum("min", dropped, s, one, () -> a.min(axis), a);
        extremum("min", kept, s, one, () -> a.min(axis, true), a);
        int[] same = ReferenceShapes.axis(axis, s.length) < 0 ? null : s;
        if (s.length == 0) {
            // PyTorch accepts dim 0 / -1 on a 0-d tensor, NumPy refuses: either is fine
            expectOrRefuse("softmax", axis == 0 || axis == -1 ? s : null, () -> a.softmax(axis), a);
            expectOrRefuse("logSoftmax", axis == 0 || axis == -1 ? s : null, () -> a.logSoftmax(axis), a);
        } else {
            expect("softmax", same, () -> a.softmax(axis), a);
            expect("logSoftmax", same, () -> a.logSoftmax(axis), a);
        }
    }

    @Provide
    Arbitrary<Integer> axisValues() {
        return edgeAxes();
    }

    @Property(tries = 40)
    void fullReductionsGiveScalars(@ForAll("shapes") int[] s) {
        Tensor a = leaf(s);
        int[] scalar = {};
        boolean empty = ReferenceShapes.count(s) == 0;
        expect("sum", scalar, a::sum, a);
        expect("mean", scalar, a::mean, a);
        expect("logSumExp", scalar, a::logSumExp, a);
        expect("var", scalar, a::var, a);
        expect("max", empty ? null : scalar, a::max, a);
        expect("min", empty ? null : scalar, a::min, a);
    }

    // ---------------------------------------------------------------- axes: transpose, permute, squeeze

    @Property(tries = 80)
    void axisShapeOpsGiveNumPyShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axisValues") int a0,
            @ForAll("axisValues") int a1, @ForAll("permutations") int[] perm) {
        Tensor a = leaf(s);
        expect("transpose", ReferenceShapes.transpose(s, a0, a1), () -> a.transpose(a0, a1), a);
        expect("permute", ReferenceShapes.permute(s, perm), () -> a.permute(perm), a);
        expect("squeeze", ReferenceShapes.squeeze(s), a::squeeze, a);
        expect("squeeze", ReferenceShapes.squeeze(s, a0), () -> a.squeeze(a0), a);
        expect("unsqueeze", ReferenceShapes.unsqueeze(s, a0), () -> a.unsqueeze(a0), a);
        expect("T", s.length == 2 ? new int[] {s[1], s[0]} : null, a::T, a);
    }

    /** Axis lists for permute: a true permutation (maybe written negative) half the time. */
    @Provide
    Arbitrary<int[]> permutations() {
        Arbitrary<int[]> proper = Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.longs())
                .as((rank, seed) -> {
                    List<Integer> p = new ArrayList<>();
                    for (int i = 0; i < rank; i++) {
                        p.add(i);
                    }
                    java.util.Collections.shuffle(p, new Random(seed));
                    return p.stream().mapToInt(i -> seed % 2 == 0 ? i : i - rank).toArray();
                });
        return Arbitraries.oneOf(proper, edgeAxes().array(int[].class).ofMaxSize(5));
    }

    // ---------------------------------------------------------------- slice / narrow

    @Property(tries = 100)
    void sliceAndNarrowGivePyTorchShapesOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("axisValues") int axis,
            @ForAll("sliceBounds") int start, @ForAll("sliceBounds") int end) {
        Tensor a = leaf(s);
        expect("slice", ReferenceShapes.slice(s, axis, start, end), () -> a.slice(axis, start, end), a);
        expect("narrow", ReferenceShapes.narrow(s, axis, start, end), () -> a.narrow(axis, start, end), a);
    }

    @Provide
    Arbitrary<Integer> sliceBounds() {
        return edgeBounds();
    }

    // ---------------------------------------------------------------- reshape / view

    @Property(tries = 100)
    void reshapeAndViewKeepTheCountOrNameTheOp(@ForAll("shapes") int[] s, @ForAll("targets") int[] random,
            @ForAll @IntRange(min = 0, max = 5) int kind) {
        int[] target = switch (kind) {
            case 0 -> random;
            case 1 -> new int[] {-1};
            case 2 -> new int[] {(int) ReferenceShapes.count(s)};
            case 3 -> reversed(s);
            case 4 -> s.length == 0 ? new int[] {-1, -1} : withMinusOne(s);
            default -> ReferenceShapes.insert(s, s.length, 1);
        };
        Tensor a = leaf(s);
        int[] expected = ReferenceShapes.reshape(s, target);
        List<String> shapes = List.of(Arrays.toString(target));
        BadInputs.expectMentioning("reshape", expected, () -> a.reshape(target), shapes, a);
        BadInputs.expectMentioning("view", expected, () -> a.view(target), shapes, a);
    }

    @Provide
    Arbitrary<int[]> targets() {
        return Arbitraries.integers().between(-2, 5).array(int[].class).ofMaxSize(4);
    }

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }

    private static int[] withMinusOne(int[] s) {
        int[] r = s.clone();
        r[r.length / 2] = -1;
        return r;
    }

    // ---------------------------------------------------------------- gather / indexSelect / oneHot

    @Property(tries = 100)
    void gatherChecksRankSizeAndIndexValues(@ForAll("gathers") Gather g) {
        Tensor a = leaf(g.shape());
        Tensor index = Tensor.constant(g.index(), g.indexShape());
        int[] expected = ReferenceShapes.gather(g.shape(), g.axis(), g.indexShape(), g.index());
        int[] shapeOnly = ReferenceShapes.gather(g.shape(), g.axis(), g.indexShape(), new double[0]);
        List<String> mention = List.of();
        if (expected == null && shapeOnly != null) {
            // the shapes fit, so an index value is wrong: the message must show the first bad one as it is
            int d = ReferenceShapes.axis(g.axis(), g.shape().length);
            for (int i = 0; i < g.index().length && mention.isEmpty(); i++) {
                double v = g.index()[i];
                if (v != Math.rint(v) || v < 0 || v >= g.shape()[d]) {
                    String shown = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                    mention = List.of("index entry " + i + " is " + shown);
                }
            }
        }
        BadInputs.expectMentioning("gather", expected, () -> a.gather(g.axis(), index), mention, a);
    }

    /**
     * A gather to try.
     *
     * @param shape      the input's shape
     * @param axis       the gathered axis
     * @param indexShape the index tensor's shape
     * @param index      its values (whole, fractional, negative, NaN, infinite)
     */
    record Gather(int[] shape, int axis, int[] indexShape, double[] index) {
        @Override
        public String toString() {
            return "gather(" + Arrays.toString(shape) + ", axis " + axis + ", index " + Arrays.toString(indexShape)
                    + " = " + Arrays.toString(index) + ")";
        }
    }

    @Provide
    Arbitrary<Gather> gathers() {
        Arbitrary<Double> values = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0, 4).map(Integer::doubleValue)),
                Tuple.of(3, Arbitraries.of(-1.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY, 1e10, 1e300, -1e300)));
        return Combinators.combine(edgeShapes(0, 3), edgeAxes(), Arbitraries.integers().between(0, 2)).flatAs((s, axis, kind) -> {
            Arbitrary<int[]> indexShapes = kind == 0
                    ? edgeShapes(0, 4)
                    : Arbitraries.integers().between(0, 4).array(int[].class).ofSize(s.length)
                            .map(dims -> shrinkOffAxis(s, dims, axis, kind == 1));
            return indexShapes.flatMap(is -> values.array(double[].class).ofSize((int) ReferenceShapes.count(is))
                    .map(v -> new Gather(s, axis, is, v)));
        });
    }

    /** With {@code fit}, dims off the axis are cut to the input's (so only the index values can be wrong). */
    private static int[] shrinkOffAxis(int[] s, int[] dims, int axis, boolean fit) {
        int d = ReferenceShapes.axis(axis, s.length);
        int[] out = dims.clone();
        for (int i = 0; fit && i < s.length; i++) {
            if (i != d) {
                out[i] = Math.min(out[i], s[i]);
            }
        }
        return out;
    }

    @Property(tries = 80)
    void indexSelectChecksIndices(@ForAll("shapes") int[] s, @ForAll("axisValues") int axis,
            @ForAll("indexLists") int[] indices) {
        Tensor a = leaf(s);
        expect("indexSelect", ReferenceShapes.indexSelect(s, axis, indices), () -> a.indexSelect(axis, indices), a);
    }

    @Provide
    Arbitrary<int[]> indexLists() {
        return Arbitraries.integers().between(-1, 4).array(int[].class).ofMaxSize(5);
    }

    @Property(tries = 60)
    void oneHotChecksLabelsAndClasses(@ForAll("indexLists") int[] labels,
            @ForAll @IntRange(min = -1, max = 5) int numClasses) {
        expect("oneHot", ReferenceShapes.oneHot(labels, numClasses), () -> Tensor.oneHot(labels, numClasses));
    }

    // ---------------------------------------------------------------- concat / stack

    @Property(tries = 100)
    void concatAndStackCheckEveryPart(@ForAll("partShapes") List<int[]> parts, @ForAll("axisValues") int axis) {
        Tensor[] ts = parts.stream().map(BadInputs::leaf).toArray(Tensor[]::new);
        BadInputs.expectMentioning("concat", ReferenceShapes.concat(axis, parts), () -> Tensor.concat(axis, ts),
                parts.isEmpty() || parts.get(0).length == 0 || ReferenceShapes.axis(axis, parts.get(0).length) < 0
                        ? List.of() : List.of(Arrays.toString(parts.get(0))), ts);
        expect("concat", ReferenceShapes.concat(axis, parts), () -> Tensor.concat(axis, List.of(ts)), ts);
        expect("stack", ReferenceShapes.stack(axis, parts), () -> Tensor.stack(axis, ts), ts);
        expect("stack", ReferenceShapes.stack(axis, parts), () -> Tensor.stack(axis, List.of(ts)), ts);
    }

    /** 0 to 3 parts: a base shape, each later part equal, longer or shorter along one axis, or of another rank. */
    @Provide
    Arbitrary<List<int[]>> partShapes() {
        Arbitrary<int[]> change = Arbitraries.integers().between(0, 9).array(int[].class).ofSize(3);
        return Combinators.combine(edgeShapes(0, 3), Arbitraries.integers().between(0, 3), change,
                Arbitraries.integers().between(0, 2)).as((base, n, codes, dimToChange) -> {
                    List<int[]> out = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int[] s = base.clone();
                        int c = codes[i];
                        if (i > 0 && c >= 6 && s.length > 0) {
                            s[dimToChange % s.length] = c - 6; // 0..3 along some axis
                        } else if (i > 0 && c == 5) {
                            s = ReferenceShapes.insert(s, 0, 1); // another rank
                        }
                        out.add(s);
                    }
                    return out;
                });
    }

    // ---------------------------------------------------------------- matmul

    @Property(tries = 150)
    void matmulGivesNumPyShapesOrNamesBothShapes(@ForAll("matmulPairs") int[][] pair) {
        Tensor a = leaf(pair[0]), b = leaf(pair[1]);
        BadInputs.expectMentioning("matmul", ReferenceShapes.matmul(pair[0], pair[1]), () -> a.matmul(b),
                List.of(Arrays.toString(pair[0]) + " @ " + Arrays.toString(pair[1])), a, b);
    }

    /** Shapes of rank 0 to 4; half the time the inner dimensions are made to agree. */
    @Provide
    Arbitrary<int[][]> matmulPairs() {
        return Combinators.combine(edgeShapes(0, 4), edgeShapes(0, 4), Arbitraries.of(true, false)).as((a, b, agree) -> {
            if (agree && a.length > 0 && b.length > 0) {
                b = b.clone();
                b[b.length == 1 ? 0 : b.length - 2] = a[a.length - 1];
            }
            return new int[][] {a, b};
        });
    }

    // ---------------------------------------------------------------- expand / sumTo

    @Property(tries = 80)
    void expandAndSumToFollowBroadcasting(@ForAll("shapePairs") int[][] pair, @ForAll boolean negative) {
        int[] target = pair[1].clone();
        if (negative && target.length > 0) {
            target[0] = -1;
        }
        Tensor a = leaf(pair[0]);
        expect("expand", ReferenceShapes.expand(pair[0], target), () -> a.expand(target), a);
        expect("sumTo", ReferenceShapes.sumTo(pair[0], target), () -> a.sumTo(target), a);
        int[] wide = ReferenceShapes.broadcast(pair[0], pair[1]);
        if (wide != null && !negative) {
            // both directions of the inverse pair, on shapes that are sure to fit
            Tensor w = leaf(wide);
            expect("sumTo", ReferenceShapes.sumTo(wide, pair[0]), () -> w.sumTo(pair[0]), w);
            expect("expand", wide, () -> a.expand(wide), a);
        }
    }

    // ---------------------------------------------------------------- factories

    @Property(tries = 80)
    void factoriesRefuseNegativeDimsAndWrongLengths(@ForAll("factoryShapes") int[] s,
            @ForAll @IntRange(min = 0, max = 9) int length) {
        boolean valid = Arrays.stream(s).allMatch(d -> d >= 0);
        int[] shape = valid ? s : null;
        double[] data = new double[length];
        int[] filled = valid && ReferenceShapes.count(s) == length ? s : null;
        expect("Tensor.of", filled, () -> Tensor.of(data, s));
        expect("Tensor.constant", filled, () -> Tensor.constant(data, s));
        expect("Tensor.zeros", shape, () -> Tensor.zeros(s));
        expect("Tensor.ones", shape, () -> Tensor.ones(s));
        expect("Tensor.full", shape, () -> Tensor.full(2.5, s));
        expect("Tensor.randn", shape, () -> Tensor.randn(new Random(1), s));
        expect("Tensor.rand", shape, () -> Tensor.rand(new Random(1), s));
    }

    @Provide
    Arbitrary<int[]> factoryShapes() {
        return Arbitraries.integers().between(-2, 3).array(int[].class).ofMaxSize(3);
    }

    /**
     * Shapes with more elements than an int can count (the result could not be stored) are
     * refused naming the op; shapes with a zero among huge dimensions are empty and fine.
     * No case allocates more than a few elements.
     */
    @Property(tries = 60)
    void hugeShapesAreRefusedNotWrappedAround(@ForAll("hugeShapes") int[] s) {
        long count = ReferenceShapes.count(s);
        if (count > 1 << 20 && count <= Integer.MAX_VALUE) {
            return; // fits an int but would allocate gigabytes: not tried here
        }
        int[] ok = count > Integer.MAX_VALUE ? null : s;
        expect("Tensor.zeros", ok, () -> Tensor.zeros(s));
        expect("Tensor.of", count == 0 ? s : null, () -> Tensor.of(new double[0], s));
        Tensor empty = leaf(0);
        int[] reshaped = ReferenceShapes.reshape(new int[] {0}, s);
        expect("reshape", reshaped, () -> empty.reshape(s), empty);
        expect("view", reshaped, () -> empty.view(s), empty);
        Tensor one = leaf(1);
        expect("expand", ok, () -> one.expand(s), one);
        if (s.length >= 2) {
            // [.., m, 1] @ [1, n]: small operands, a result too large to count
            int[] left = s.clone();
            left[s.length - 1] = 1;
            int[] right = {1, s[s.length - 1]};
            if (ReferenceShapes.count(left) <= 1 << 20 && ReferenceShapes.count(right) <= 1 << 20) {
                Tensor a = leaf(left), b = leaf(right);
                expect("matmul", ok, false, () -> a.matmul(b), a, b);
                expect("add", ok, false, () -> a.add(b), a, b);
            }
        }
    }

    /**
     * Empty tensors whose other dimensions are huge (their products overflow an int): every
     * op gives the NumPy shape or a clean refusal, and backward works; no strided loop may
     * compute an overflowed offset.
     */
    @Property(tries = 60)
    void emptyTensorsWithHugeDimensionsGoThroughEveryOp(@ForAll("hugeShapes") int[] huge, @ForAll("axisValues") int axis,
            @ForAll @IntRange(min = 0, max = 3) int zeroAt) {
        int[] s = huge.clone();
        s[zeroAt % s.length] = 0;
        Tensor x = Tensor.of(new double[0], s);
        int[] reduced = ReferenceShapes.reduce(s, new int[] {axis}, true);
        if (reduced == null || ReferenceShapes.count(reduced) <= 1 << 20) {
            // reducing the empty axis itself leaves the huge ones: a result too large to try here
            expectOrRefuse("sum", ReferenceShapes.reduce(s, new int[] {axis}, false), () -> x.sum(axis), x);
            expectOrRefuse("logSumExp", reduced, () -> x.logSumExp(axis, true), x);
            // softmax's backward sums along the axis, a result of that same size
            expectOrRefuse("softmax", ReferenceShapes.axis(axis, s.length) < 0 ? null : s, () -> x.softmax(axis), x);
        }
        expectOrRefuse("slice", ReferenceShapes.slice(s, axis, 1, -1), () -> x.slice(axis, 1, -1), x);
        expectOrRefuse("transpose", ReferenceShapes.transpose(s, axis, 0), () -> x.transpose(axis, 0), x);
        expectOrRefuse("permute", reversed(s), () -> x.permute(reversedAxes(s.length)), x);
        expectOrRefuse("unsqueeze", ReferenceShapes.unsqueeze(s, axis), () -> x.unsqueeze(axis), x);
        expectOrRefuse("concat", ReferenceShapes.concat(axis, List.of(s, s)), () -> Tensor.concat(axis, x, x), x);
        expectOrRefuse("stack", ReferenceShapes.stack(axis, List.of(s, s)), () -> Tensor.stack(axis, x, x), x);
        expectOrRefuse("indexSelect", ReferenceShapes.indexSelect(s, axis, new int[0]), () -> x.indexSelect(axis), x);
        expectOrRefuse("mul", s, () -> x.mul(x), x);
        expectOrRefuse("add", s, () -> x.add(Tensor.scalar(1)), x);
        expectOrRefuse("where", s, () -> Tensor.where(x.gt(0), x, Tensor.scalar(2)), x);
        expectOrRefuse("exp", s, x::exp, x);
        expectOrRefuse("sum", new int[0], x::sum, x);
    }

    private static int[] reversedAxes(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) {
            p[i] = rank - 1 - i;
        }
        return p;
    }

    @Provide
    Arbitrary<int[]> hugeShapes() {
        // mostly large powers of two: four of them multiply to 0 modulo 2^64, which a long count would not notice
        Arbitrary<Integer> dims = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(0, 1, 3, Integer.MAX_VALUE)),
                Tuple.of(2, Arbitraries.of(65536, 1 << 20)));
        return Arbitraries.integers().between(1, 4).flatMap(rank -> dims.array(int[].class).ofSize(rank))
                .withoutEdgeCases();
    }

    /**
     * Ops whose result grows with an argument (many indices, many parts) refuse a result too
     * large to count, naming the op; the inputs themselves stay small.
     */
    @Property(tries = 10)
    void manyIndicesOrPartsAreRefusedWhenTheResultCannotBeCounted(@ForAll @IntRange(min = 1 << 19, max = 1 << 20) int n) {
        Tensor row = leaf(1, 4096); // n * 4096 > Integer.MAX_VALUE for every n here
        int[] indices = new int[n];
        expect("indexSelect", null, () -> row.indexSelect(0, indices), row);
        List<Tensor> parts = java.util.Collections.nCopies(n, row);
        expect("concat", null, () -> Tensor.concat(0, parts), row);
        expect("stack", null, () -> Tensor.stack(0, parts), row);
    }

    @Property(tries = 20)
    void oneHotRefusesResultsTooLargeToCount(@ForAll @IntRange(min = 46341, max = 1 << 20) int n) {
        // n * n > Integer.MAX_VALUE for every n here; the label array is small compared with the result
        int[] labels = new int[n];
        expect("oneHot", null, () -> Tensor.oneHot(labels, n));
    }

    // ---------------------------------------------------------------- backward and item

    @Property(tries = 60)
    void backwardAndItemCheckShapes(@ForAll("shapes") int[] s, @ForAll("shapes") int[] seedShape,
            @ForAll boolean sameSeed) {
        int[] seedS = sameSeed ? s : seedShape;
        Tensor x = leaf(s);
        Tensor y = x.mul(2.0);
        boolean single = ReferenceShapes.count(s) == 1;
        if (Arrays.equals(seedS, s)) {
            y.backward(Tensor.ones(seedS), true);
        } else {
            refused("backward", () -> {
                y.backward(Tensor.ones(seedS), true);
                return null;
            });
        }
        if (single) {
            y.backward();
            refused("backward", () -> {
                y.backward(); // the graph is released now
                return null;
            });
        } else {
            refused("backward", () -> {
                y.backward();
                return null;
            });
        }
        refused("backward", () -> {
            Tensor.constant(new double[(int) ReferenceShapes.count(s)], s).backward(Tensor.ones(s));
            return null;
        });
        if (single) {
            y.item();
        } else {
            refused("item", y::item);
        }
        refused("backward", () -> {
            y.backward(null);
            return null;
        });
    }

    /**
     * A hook may replace a gradient but not change its shape (PyTorch: "hook has changed the
     * size of value"): a leaf would keep a gradient of the wrong shape, and the next pass
     * would index past it.
     */
    @Property(tries = 60)
    void hooksCannotChangeTheGradientShape(@ForAll("shapes") int[] s, @ForAll("shapes") int[] replaced,
            @ForAll boolean onLeaf) {
        Tensor x = leaf(s);
        Tensor y = x.mul(2.0);
        (onLeaf ? x : y).registerHook(g -> Tensor.ones(replaced));
        BadInputs.Call twoPasses = () -> {
            y.mul(y).sum().backward();
            x.mul(3.0).sum().backward();
            return x.grad();
        };
        if (Arrays.equals(s, replaced)) {
            Tensor g = (Tensor) BadInputs.succeedsCall("registerHook", twoPasses);
            org.junit.jupiter.api.Assertions.assertArrayEquals(s, g.shape());
        } else {
            refused("hook", twoPasses);
        }
    }

    /**
     * Only a leaf's storage may be written: a detached copy of a computed tensor shares that
     * tensor's storage, so writing through it would silently change the gradients of the
     * graph that reuses the result (d exp = g·exp). A detached leaf may be written (it is the
     * leaf, as PyTorch's {@code p.detach()}).
     */
    @Property(tries = 30)
    void onlyLeafStorageCanBeWritten(@ForAll("shapes") int[] s) {
        Tensor x = leaf(s);
        Tensor y = x.exp();
        java.util.function.Consumer<double[]> write = a -> java.util.Arrays.fill(a, 1);
        refused("update", () -> y.update(write));
        refused("update", () -> y.detach().update(write));
        refused("setData", () -> y.detach().setData(y.toArray()));
        refused("update", () -> y.reshape(-1).detach().update(write));
        refused("update", () -> y.detach().view(-1).update(write));
        try (var off = GradMode.disabled()) {
            refused("update", () -> y.view(-1).unsqueeze(0).update(write)); // unrecorded views share y's storage
            y.mul(2.0).update(write); // fresh storage computed without recording: a leaf of its own
        }
        double[] before = y.toArray();
        y.sum().backward();
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, x.grad().toArray(), 0.0);
        x.detach().update(write); // the leaf's own storage: allowed
    }

    // ---------------------------------------------------------------- nulls and misuse

    @Example
    void nullArgumentsAndMisuseAreNamed() {
        Tensor m = leaf(2, 3);
        Map<String, BadInputs.Call> calls = new LinkedHashMap<>();
        calls.put("add", () -> m.add((Tensor) null));
        calls.put("sub", () -> m.sub((Tensor) null));
        calls.put("mul", () -> m.mul((Tensor) null));
        calls.put("div", () -> m.div((Tensor) null));
        calls.put("pow", () -> m.pow((Tensor) null));
        calls.put("max", () -> m.max((Tensor) null));
        calls.put("min", () -> m.min((Tensor) null));
        calls.put("gt", () -> m.gt((Tensor) null));
        calls.put("ge", () -> m.ge((Tensor) null));
        calls.put("lt", () -> m.lt((Tensor) null));
        calls.put("le", () -> m.le((Tensor) null));
        calls.put("eq", () -> m.eq((Tensor) null));
        calls.put("where", () -> Tensor.where(null, m, m));
        calls.put("where ", () -> Tensor.where(m, null, m));
        calls.put("where  ", () -> Tensor.where(m, m, null));
        calls.put("sum", () -> m.sum((int[]) null, false));
        calls.put("mean", () -> m.mean((int[]) null, false));
        calls.put("max ", () -> m.max((int[]) null, false));
        calls.put("min ", () -> m.min((int[]) null, false));
        calls.put("logSumExp", () -> m.logSumExp((int[]) null, false));
        calls.put("var", () -> m.var((int[]) null, false));
        calls.put("var ", () -> m.var(null, false, 0));
        calls.put("sumTo", () -> m.sumTo((int[]) null));
        calls.put("expand", () -> m.expand((int[]) null));
        calls.put("reshape", () -> m.reshape((int[]) null));
        calls.put("view", () -> m.view((int[]) null));
        calls.put("permute", () -> m.permute((int[]) null));
        calls.put("concat", () -> Tensor.concat(0, (Tensor[]) null));
        calls.put("concat ", () -> Tensor.concat(0, (List<Tensor>) null));
        calls.put("concat  ", () -> Tensor.concat(0, m, null));
        calls.put("stack", () -> Tensor.stack(0, (Tensor[]) null));
        calls.put("stack ", () -> Tensor.stack(0, (List<Tensor>) null));
        calls.put("stack  ", () -> Tensor.stack(0, m, null));
        calls.put("gather", () -> m.gather(0, null));
        calls.put("indexSelect", () -> m.indexSelect(0, (int[]) null));
        calls.put("oneHot", () -> Tensor.oneHot(null, 3));
        calls.put("matmul", () -> m.matmul(null));
        calls.put("Tensor.of", () -> Tensor.of((double[]) null, 2));
        calls.put("Tensor.of   ", () -> Tensor.of((float[]) null, 2));
        calls.put("Tensor.of ", () -> Tensor.of(new double[2], (int[]) null));
        calls.put("Tensor.constant", () -> Tensor.constant((double[]) null, 2));
        calls.put("Tensor.constant ", () -> Tensor.constant((float[]) null, 2));
        calls.put("Tensor.zeros", () -> Tensor.zeros((int[]) null));
        calls.put("Tensor.ones", () -> Tensor.ones((int[]) null));
        calls.put("Tensor.full", () -> Tensor.full(1, (int[]) null));
        calls.put("Tensor.randn", () -> Tensor.randn(null, 2));
        calls.put("Tensor.randn ", () -> Tensor.randn(new Random(1), (int[]) null));
        calls.put("Tensor.rand", () -> Tensor.rand(null, 2));
        calls.put("backward", () -> {
            m.mul(2.0).backward(null);
            return null;
        });
        calls.put("registerHook", () -> m.registerHook(null));
        calls.put("update", () -> m.mul(2.0).update(a -> { }));
        calls.put("registerHook ", () -> Tensor.zeros(2).registerHook(g -> g));
        // as PyTorch: a tensor that gets no gradient has none to retain (silently null otherwise)
        calls.put("retainGrad", () -> Tensor.zeros(2).retainGrad());
        calls.put("retainGrad ", () -> {
            try (var off = GradMode.disabled()) {
                return m.mul(2.0).retainGrad();
            }
        });
        for (Map.Entry<String, BadInputs.Call> c : calls.entrySet()) {
            refused(c.getKey().strip(), c.getValue());
        }
    }
}
